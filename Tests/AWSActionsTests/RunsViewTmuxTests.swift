import Foundation
import FirebreakTestSupport
import Testing

/// The console's runs view in tmux against moto, keys typed as a person
/// types them: a run made from the command line is listed, `u` shows its
/// undo's exact commands wrapped at 80 columns, Enter undoes it, and moto
/// says the instance has its own security group back.
@Suite("Undo from the console's runs view, in tmux, against moto", .motoServer, .serialized)
struct RunsViewTmuxTests {
    @Test func anIsolationIsUndoneFromTheRunsViewThroughItsExactPlan() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interfaces) = try drill.seedInstance(interfaces: 1)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised", "--region", "us-east-1")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes")
        let environment = drill.environment.merging(["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "FIREBREAK_THEME": ""]) { $1 }
        let tmux = try TmuxSession(width: 80, height: 24, environment: environment, command: "'\(Drill.binary.path)' console INC-1")
        try tmux.waitFor("INC-1")
        try tmux.press("X")
        let runs = try tmux.waitFor("Action runs (1)")
        #expect(runs.contains("run-1") && runs.contains("ec2.isolate") && runs.contains("succeeded"), "\(runs)")
        try tmux.press("u")
        var plan = try tmux.waitFor("Undo run-1: ec2.isolate")
        // The undo's commands carry every flag the runner adds; nothing runs off the screen's edge.
        var screens = plan
        // (A wrap may fall between a flag and its value: the flags are looked for, each whole.)
        for _ in 0..<10 where !(screens.contains("--output") && screens.contains("--region")) {
            try tmux.press("PageDown")
            plan = try tmux.screen()
            screens += plan
        }
        #expect(screens.contains("--output") && screens.contains("--region") && screens.contains("us-east-1"), "\(screens)")
        #expect(plan.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try tmux.press("Enter")
        // The undo streams into the log as its steps are recorded (the footer's line passes by itself).
        try tmux.waitFor("run-2: undo of run-1", timeout: 60)
        let done = try tmux.waitFor("run-2: succeeded", timeout: 60)
        #expect(!done.contains("run-2: failed"))
        // The interface has its own group back, as moto says.
        #expect(try drill.interfaceGroups(instance) == [interfaces[0].id: [interfaces[0].group]])
        try tmux.press("X")
        try tmux.waitFor("undone by run-2")
        try tmux.press("Escape")
        try tmux.press("q")
    }
}
