import Foundation
import FirebreakTestSupport
import IncidentModel
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

    /// The Recovery item's `r` offers each isolated instance of a run alone: the plan for one of
    /// two instances of a VPC keeps the VPC's groups and says why, Enter puts back that one alone
    /// (moto: its own group back, the other still isolated), and the menu then offers only the other.
    @Test func recoveryUndoesOneInstanceOfAnIsolationAtATime() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (vpc, instances) = try drill.seedInstancesSharingAVPC(2)
        let (a, b) = (instances[0], instances[1])
        for instance in instances {
            try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised", "--region", "us-east-1")
        }
        let before = try drill.interfaceGroups(a)
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", a, b, "--yes")
        let isolation = try #require(try drill.recorded("run-1", a)["isolation-group"] as? String)
        let environment = drill.environment.merging(["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "FIREBREAK_THEME": ""]) { $1 }
        let tmux = try TmuxSession(width: 200, height: 50, environment: environment, command: "'\(Drill.binary.path)' console INC-1")
        try tmux.waitFor("INC-1", "3 Checklist · Readiness")
        // To the Recovery phase's "restore one at a time" item, as a person gets there: ] five times, then down.
        try tmux.press("]", "]", "]", "]", "]")
        try tmux.waitFor("3 Checklist · Recovery")
        let index = try #require(Playbook.default.items(in: .recovery).firstIndex { $0.id == "recovery.restore-one-at-a-time" })
        try tmux.press("g")
        for _ in 0..<index { try tmux.press("j") }
        try tmux.press("r")
        let menu = try tmux.waitFor("Undo which containment?", "\(b)  ec2.isolate  run-1 (this one only; 1 other stays)")
        #expect(menu.contains("\(a)  ec2.isolate  run-1 (this one only; 1 other stays)"), "\(menu)")
        try tmux.press("Enter")                           // the first: a
        let plan = try tmux.waitFor("Undo run-1: ec2.isolate (reversible) on \(a)", "kept, \(a): delete-isolation-group")
        // The overlay wraps long lines inside its frame: read it as one text.
        let flat = plan.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("puts back \(a) only; the rest of run-1 is not touched: \(b)"), "\(plan)")
        #expect(flat.contains("the isolation group stays: \(b) in the same vpc \(vpc) is still contained"), "\(plan)")
        try tmux.press("Enter")
        try tmux.waitFor("run-2: succeeded", timeout: 60)
        #expect(try drill.interfaceGroups(a) == before)
        #expect(try drill.interfaceGroups(b).values.allSatisfy { $0 == [isolation] })
        #expect(try drill.run("run-1")["undoneResources"] as? [String: String] == [a: "run-2"])
        // Only b is left to offer, alone now (the last of its VPC: nothing is kept).
        try tmux.press("r")
        let left = try tmux.waitFor("Undo which containment?", "\(b)  ec2.isolate  run-1")
        #expect(!left.contains("\(a)  ec2.isolate"), "\(left)")
        try tmux.press("Escape")
        // The menu gone before the next key (an Escape followed at once by a key reads as Alt and that key).
        let deadline = Date().addingTimeInterval(20)
        while try tmux.screen().contains("Undo which containment?") {
            if Date() > deadline { Issue.record("the undo menu never closed"); return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try tmux.press("X")
        try tmux.waitFor("1 of 2 undone, u undoes the rest")
        try tmux.press("Escape")
        try tmux.press("q")
    }
}
