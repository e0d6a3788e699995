import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

@Suite("Actions from the console: choose, read the exact commands, confirm, run")
struct ActionFlowTests {
    static let isolate = ActionPreview(action: "ec2.isolate", resources: ["i-0123456789abcdef0"],
                                       lines: ["Isolate the instance", "", "aws ec2 create-security-group --group-name firebreak-INC-7-open"],
                                       confirmationText: nil)
    static let disable = ActionPreview(action: "kms.disable", resources: ["k"], lines: ["Disable the key"], confirmationText: "disable k")

    @Test func aOnAResourceListsItsActionsAndShowsTheCommandsBeforeRunning() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("2", "j", "j", "j")
        #expect(model.selectedResource?.id == "i-0123456789abcdef0")
        #expect(model.press("a") == [.listActions(resources: ["i-0123456789abcdef0"])])
        _ = model.update(.actionsAvailable(resources: ["i-0123456789abcdef0"], [
            ActionChoice(id: "ec2.isolate", summary: "Isolate the instance", risk: "reversible"),
            ActionChoice(id: "ec2.snapshot", summary: "Snapshot every volume", risk: "additive"),
        ]))
        #expect(model.screenText.contains("ec2.snapshot  additive  Snapshot every volume"))
        #expect(model.press("1") == [.previewAction("ec2.isolate", resources: ["i-0123456789abcdef0"])])
        _ = model.update(.actionPreviewed(Self.isolate))
        #expect(model.screenText.contains("aws ec2 create-security-group --group-name firebreak-INC-7-open"))
        #expect(model.press("<Enter>") == [.runAction("ec2.isolate", resources: ["i-0123456789abcdef0"])])
        #expect(model.pendingWrites == 1)
    }

    @Test func escapeRunsNothing() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.update(.actionPreviewed(Self.isolate))
        #expect(model.press("<Esc>").isEmpty)
        #expect(model.overlay == nil && model.pendingWrites == 0)
    }

    @Test func aDestructiveActionNeedsTheTypedText() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.update(.actionPreviewed(Self.disable))
        #expect(model.press("<Enter>").isEmpty)
        model.type("yes")
        #expect(model.press("<Enter>").isEmpty)
        guard case .prompt(let form) = model.overlay else { Issue.record("the prompt must stay open"); return }
        #expect(form.prompt.error == "that is not the confirmation text; nothing was run")
        _ = model.press("<C-u>")
        model.type("disable k")
        #expect(model.press("<Enter>") == [.runAction("kms.disable", resources: ["k"])])
    }

    @Test func markedResourcesTakeOneActionTogether() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("2", "<Space>", "<Space>")
        #expect(model.markedResources == ["AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:role/web-role"])
        #expect(model.screenText.contains("● compromised"))
        #expect(model.press("a") == [.listActions(resources: ["AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:role/web-role"])])
    }

    @Test func anActionsParametersAreAskedOneAtATimeAndCarriedToTheRun() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.update(.actionsAvailable(resources: ["i-0123456789abcdef0"], [
            ActionChoice(id: "flowlogs.enable", summary: "Turn on flow logs", risk: "reversible", parameters: [
                .init(name: "role", summary: "The role flow logs deliver with", required: true, defaultValue: nil),
                .init(name: "log-group", summary: "The log group", required: false, defaultValue: "/firebreak/flow-logs"),
                .init(name: "pattern", summary: "A filter", required: false, defaultValue: nil),
            ]),
        ]))
        #expect(model.press("1").isEmpty)
        #expect(model.screenText.contains("flowlogs.enable: The role flow logs deliver with"))
        #expect(model.screenText.contains("required"))
        // A required value cannot be left empty: the prompt stays, saying why.
        #expect(model.press("<Enter>").isEmpty)
        guard case .prompt(let form) = model.overlay else { Issue.record("the prompt must stay open"); return }
        #expect(form.prompt.error == "role is required")
        model.type("arn:aws:iam::123456789012:role/flow-logs")
        #expect(model.press("<Enter>").isEmpty)
        #expect(model.screenText.contains("empty: /firebreak/flow-logs"))
        #expect(model.press("<Enter>").isEmpty)          // the default
        model.type("REJECT")
        let parameters = ["role": "arn:aws:iam::123456789012:role/flow-logs", "pattern": "REJECT"]
        #expect(model.press("<Enter>") == [.previewAction("flowlogs.enable", resources: ["i-0123456789abcdef0"], parameters: parameters)])
        _ = model.update(.actionPreviewed(ActionPreview(action: "flowlogs.enable", resources: ["i-0123456789abcdef0"],
                                                        lines: ["Turn on flow logs"], confirmationText: nil, parameters: parameters)))
        #expect(model.press("<Enter>") == [.runAction("flowlogs.enable", resources: ["i-0123456789abcdef0"], parameters: parameters)])
    }

    @Test func watchAndReplayCannotRunActions() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: .readOnly)
        #expect(model.press("2", "a").isEmpty)
        #expect(!model.bindings.bindings.contains { $0.command == .resourceActions })
    }
}
