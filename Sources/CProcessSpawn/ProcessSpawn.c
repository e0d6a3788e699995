// The one way Firebreak starts a child (the AWS CLI). fork + exec by hand,
// because posix_spawn cannot set PR_SET_PDEATHSIG, and prctl is variadic, so
// Swift cannot call it. Between fork and exec the child calls only
// async-signal-safe functions and raw system calls: the parent is
// multi-threaded.
#define _GNU_SOURCE
#include "ProcessSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

int fb_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
}

static void report_and_exit(int fd) {
    int error = errno;
    ssize_t ignored = write(fd, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

int fb_spawn(const char *path, char *const argv[], char *const envp[], int stdout_fd, int stderr_fd, pid_t *pid) {
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) return errno;
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0) {
        int error = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        return error;
    }
    pid_t parent = getpid();

    // No handler of ours may run in the child before it resets them.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t child = fork();
    if (child == 0) {
        for (int signal = 1; signal < NSIG; signal++) {
            if (signal == SIGKILL || signal == SIGSTOP) continue;
            struct sigaction action = {0};
            action.sa_handler = SIG_DFL;
            sigemptyset(&action.sa_mask);
            (void)sigaction(signal, &action, NULL);  // EINVAL for the signals glibc keeps for itself
        }
        if (setpgid(0, 0) != 0) report_and_exit(status_pipe[1]);
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) report_and_exit(status_pipe[1]);
        // The parent may have died before prctl: then nobody would kill us.
        if (getppid() != parent) _exit(127);
        if (dup2(null_fd, STDIN_FILENO) < 0) report_and_exit(status_pipe[1]);
        if (dup2(stdout_fd, STDOUT_FILENO) < 0) report_and_exit(status_pipe[1]);
        if (dup2(stderr_fd, STDERR_FILENO) < 0) report_and_exit(status_pipe[1]);
        // Everything above 2 closes at exec (the status pipe must stay open until then).
        if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
            struct rlimit limit;
            long highest = (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) ? (long)limit.rlim_cur : 65536;
            for (long fd = 3; fd < highest; fd++) {
                if (fd != status_pipe[1]) (void)fcntl((int)fd, F_SETFD, FD_CLOEXEC);
            }
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        report_and_exit(status_pipe[1]);
    }
    int fork_error = child < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(status_pipe[1]);
    close(null_fd);
    if (child < 0) {
        close(status_pipe[0]);
        return fork_error;
    }
    // Also set from here, so the group exists before anyone signals it.
    (void)setpgid(child, child);

    int exec_error = 0;
    ssize_t count;
    do {
        count = read(status_pipe[0], &exec_error, sizeof exec_error);
    } while (count < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (count > 0) {
        int ignored;
        while (waitpid(child, &ignored, 0) < 0 && errno == EINTR) {}
        return exec_error != 0 ? exec_error : ECHILD;
    }
    *pid = child;
    return 0;
}
