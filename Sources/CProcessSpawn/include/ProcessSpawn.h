#ifndef FIREBREAK_PROCESS_SPAWN_H
#define FIREBREAK_PROCESS_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-terminated arrays) as a child
/// that: runs in a process group of its own; has default signal handling and
/// an empty signal mask; has stdin on /dev/null, stdout on `stdout_fd` and
/// stderr on `stderr_fd`; inherits no other descriptor; and is sent SIGKILL
/// by the kernel when the thread that started it ends (PR_SET_PDEATHSIG), so
/// it cannot outlive a Firebreak that was killed.
///
/// The caller must wait for the child on the thread that called this, for
/// the death signal follows the thread, not the process.
///
/// Returns 0 and sets `*pid`, or an errno value (the exec's own, when the
/// binary could not be run) with no child left behind.
int fb_spawn(const char *path, char *const argv[], char *const envp[], int stdout_fd, int stderr_fd, pid_t *pid);

/// A pipe whose both ends are close-on-exec from the start (pipe2 is not
/// imported into Swift), so no child started at the same moment holds them.
int fb_pipe_cloexec(int fds[2]);

#endif
