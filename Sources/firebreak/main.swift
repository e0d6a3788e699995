import FirebreakCLI
#if canImport(Glibc)
import Glibc
#endif

exit(FirebreakMain.run(Array(CommandLine.arguments.dropFirst())))
