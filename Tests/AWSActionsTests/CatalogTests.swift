@testable import AWSActions
import IncidentModel
import Foundation
import Testing

@Suite("The action catalog")
struct CatalogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func builtInsLoadAndMatchTheFilesInActions() throws {
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        for id in ["ec2.isolate", "ec2.snapshot", "ec2.stop", "ec2.start", "iam.deactivate-key", "iam.deny-all",
                   "s3.block-public-access", "kms.disable", "route53.upsert", "ec2.protect", "ec2.lock-metadata", "ec2.quarantine-subnet",
                   "iam.revoke-sessions", "cloudtrail.lookup", "logs.search", "s3.delete-spilled", "ebs.delete-snapshot",
                   "kms.schedule-deletion", "iam.delete-key", "ec2.restore-volume", "kms.create-key", "s3.enable-encryption",
                   "flowlogs.enable", "flowlogs.query"] {
            #expect(throws: Never.self) { try catalog.action(id) }
        }
        // The compiled-in copy is generated from actions/; run scripts/embed-actions after editing a definition.
        let folder = Self.repository.appendingPathComponent("actions")
        let files = ActionCatalogLocator.definitionFiles(in: folder)
        #expect(files.count == BuiltinActionFiles.all.count, "run scripts/embed-actions")
        for file in files {
            let relative = "actions/" + file.path.dropFirst(folder.path.count + 1)
            let embedded = BuiltinActionFiles.all.first { $0.path == relative }?.json
            #expect(embedded == (try String(contentsOf: file, encoding: .utf8)).trimmingCharacters(in: .newlines), "\(relative) differs from its compiled-in copy: run scripts/embed-actions")
        }
    }

    @Test func aUserDefinitionOverridesABuiltIn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"id": "ec2.stop", "phase": "containment", "kinds": ["ec2-instance"], "summary": "Site stop", "risk": "reversible", "steps": [{"name": "stop", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]}], "undo": [{"name": "start", "argv": ["ec2", "start-instances", "--instance-ids", "{resource}"]}]}"#
            .write(to: folder.appendingPathComponent("stop.json"), atomically: true, encoding: .utf8)
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [folder]))
        #expect(try catalog.action("ec2.stop").summary == "Site stop")
        #expect(try catalog.action("ec2.stop").source.hasSuffix("stop.json"))
    }

    static var valid: [String: Any] { [
        "id": "x.y", "phase": "containment", "kinds": ["ec2-instance"], "summary": "s", "risk": "reversible",
        "steps": [["name": "a", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]]],
        "undo": [["name": "b", "argv": ["ec2", "start-instances", "--instance-ids", "{resource}"]]],
    ] }

    static func load(_ change: (inout [String: Any]) -> Void) -> ActionCatalogError? {
        var document = valid
        change(&document)
        let data = try! JSONSerialization.data(withJSONObject: document)
        do { _ = try ActionDefinition.load(json: data, file: "bad.json"); return nil } catch { return error }
    }

    @Test func aValidDefinitionLoads() {
        #expect(Self.load { _ in } == nil)
    }

    @Test func aMalformedDefinitionIsRejectedWithFileFieldAndReason() {
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
        ("steps[0].argv[3]", "placeholders must fill a whole argument ('i-{resource}')", { (d: inout [String: Any]) in
            d["steps"] = [["name": "a", "argv": ["ec2", "stop-instances", "--instance-ids", "i-{resource}"]]] }),
        ("steps[0].argv[3]", "unknown placeholder {nope}", { d in
            d["steps"] = [["name": "a", "argv": ["ec2", "stop-instances", "--instance-ids", "{nope}"]]] }),
        ("risk", "expected one of read-only, additive, reversible, destructive", { d in d["risk"] = "risky" }),
        ("kinds[0]", "unknown resource kind", { d in d["kinds"] = ["toaster"] }),
        ("undo", "a reversible action needs undo steps", { d in d["undo"] = [] }),
        ("confirm", "a destructive action needs the text to type before it runs", { d in d["risk"] = "destructive" }),
        ("steps[0].argv[4]", "--endpoint-url comes from the options and the resource, not from a definition", { d in
            d["steps"] = [["name": "a", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}", "--endpoint-url", "http://evil"]]] }),
        ("stepz", "unknown field (expected one of confirm, guardsCaller, id, kindNotices, kinds, notice, onFailure, onSuccess, onUndo, parameters, phase, precededBy, preview, record, records, requires, risk, steps, summary, undo, undoNotice, undoParameters, verify, warning)", { d in d["stepz"] = [] }),
        ("id", "is required", { d in d["id"] = nil }),
        ("steps[0].argv[5]", "'file://policy.json' starts with 'file://', which the AWS CLI would replace with a local file's contents", { d in
            d["steps"] = [["name": "a", "argv": ["iam", "put-user-policy", "--user-name", "{resource}", "--policy-document", "file://policy.json"]]] }),
        ("preview[0].argv", "a preview step only reads (describe-, get-, head-, list- or lookup- calls)", { d in
            d["preview"] = [["name": "p", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]]] }),
        ("notice", "unknown placeholder {later}", { d in d["notice"] = "shared with {later}" }),
        ("steps[0].batch", "a batched call answers for several resources at once, so it cannot capture or expect", { d in
            d["steps"] = [["name": "a", "batch": true, "capture": "x", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]]] }),
        ("parameters[0].choices", "a choice needs its choices", { d in
            d["parameters"] = [["name": "mode", "shape": "choice", "summary": "m"]] }),
        ]
        for (field, reason, change) in cases {
            #expect(Self.load(change) == ActionCatalogError(file: "bad.json", field: field, reason: reason))
        }
    }

    @Test func aBrokenUserFileIsSkippedNamingItAndTheRestLoads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{ not json".write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [folder]))
        #expect(catalog.skipped.count == 1)
        #expect(catalog.skipped.first?.file.hasSuffix("broken.json") == true)
        #expect(catalog.skipped.first?.reason.hasPrefix("not valid JSON") == true)
        #expect(try catalog.action("ec2.stop").definitionFile == nil)
        #expect(catalog.actions.count == BuiltinActionFiles.all.count)
    }

    /// The build-tree rule: the repository is the folder holding the binary's
    /// `.build`, and only when its Package.swift names Firebreak and it belongs
    /// to the binary's owner, writable by no one else; nothing beside a parent counts.
    @Test func theSearchPathHasNoFolderBesideTheExecutablesParents() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fb-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let binary = root.appendingPathComponent("x/y/firebreak")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "".write(to: binary, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("actions"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: root.appendingPathComponent("actions").path)
        try #"{"id": "iam.deactivate-key", "phase": "containment", "kinds": ["iam-access-key"], "summary": "Backdoor", "risk": "additive", "steps": [{"name": "b", "argv": ["iam", "create-access-key", "--user-name", "mallory-backdoor"]}]}"#
            .write(to: root.appendingPathComponent("actions/k.json"), atomically: true, encoding: .utf8)
        let locator = ActionCatalogLocator(environment: ["HOME": root.appendingPathComponent("home").path], executableURL: binary)
        #expect(locator.searchDirectories.map(\.path) == [root.appendingPathComponent("home/.config/firebreak/actions").path,
                                                          "/usr/local/share/firebreak/actions", "/usr/share/firebreak/actions"])
        #expect(try ActionCatalog.load(locator: locator).action("iam.deactivate-key").summary != "Backdoor")

        // An installed layout: <prefix>/bin/firebreak reads <prefix>/share/firebreak/actions.
        let installed = root.appendingPathComponent("prefix/bin/firebreak")
        try FileManager.default.createDirectory(at: installed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "".write(to: installed, atomically: true, encoding: .utf8)
        #expect(ActionCatalogLocator(environment: [:], executableURL: installed).searchDirectories.first?.path
                == root.appendingPathComponent("prefix/share/firebreak/actions").path)

        // A build tree: only with a Package.swift naming Firebreak, not writable by others.
        let built = root.appendingPathComponent("repo/.build/debug/firebreak")
        try FileManager.default.createDirectory(at: built.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "".write(to: built, atomically: true, encoding: .utf8)
        let manifest = root.appendingPathComponent("repo/Package.swift")
        let repoActions = root.appendingPathComponent("repo/actions").path
        try "let package = Package(name: \"Other\")".write(to: manifest, atomically: true, encoding: .utf8)
        #expect(!ActionCatalogLocator(environment: [:], executableURL: built).searchDirectories.map(\.path).contains(repoActions))
        try "let package = Package(\n    name: \"Firebreak\")".write(to: manifest, atomically: true, encoding: .utf8)
        #expect(ActionCatalogLocator(environment: [:], executableURL: built).searchDirectories.map(\.path).contains(repoActions))
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: root.appendingPathComponent("repo").path)
        #expect(!ActionCatalogLocator(environment: [:], executableURL: built).searchDirectories.map(\.path).contains(repoActions))
    }

    @Test func aWritableDefinitionIsRefusedAndTheBuiltInStays() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("k.json")
        try #"{"id": "iam.deactivate-key", "phase": "containment", "kinds": ["iam-access-key"], "summary": "Backdoor", "risk": "additive", "steps": [{"name": "b", "argv": ["iam", "create-access-key", "--user-name", "mallory-backdoor"]}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file.path)
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [folder]))
        #expect(try catalog.action("iam.deactivate-key").definitionFile == nil)
        #expect(catalog.skipped.map(\.description) == ["\(file.path): refused: it can be written by anyone (mode 666); skipped"])
    }
}

@Suite("Placeholders inside a --query expression")
struct QueryTemplateTests {
    @Test func aPlaceholderBecomesOneRawStringLiteral() throws {
        var values = TemplateValues()
        values.set("subnet", string: "subnet-0abc")
        let rendered = try values.render(.query("NetworkAcls[0].Associations[?SubnetId == {subnet}] | [0]"))
        #expect(rendered == ["NetworkAcls[0].Associations[?SubnetId == 'subnet-0abc'] | [0]"])
    }

    @Test func aValueThatCouldCloseTheLiteralIsRefused() {
        var values = TemplateValues()
        values.set("key", string: "a' || `true` || '")
        #expect(throws: TemplateValues.RenderError.self) { try values.render(.query("Contents[?Key == {key}]")) }
    }
}

@Suite("The default playbook and the catalog")
struct PlaybookCatalogTests {
    @Test func everyItemBackedByACatalogActionIsTheOneItsSuccessTicks() throws {
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        var backed = 0
        for item in Playbook.default.items {
            // Every action named must be in the catalog: `r` on the item plans it.
            guard case .action(let name)? = item.backedBy else { continue }
            let definition = try #require(try? catalog.action(name), "\(item.id) is backed by \(name), which the catalog lacks")
            backed += 1
            #expect(definition.successChecklist == item.id, "\(name) should tick \(item.id)")
        }
        #expect(backed >= 11)
        // containment.verify is Firebreak's own operation, stored under the run's action id.
        #expect(ChecklistOperation.verification.rawValue == ContainmentVerifier.actionID)
        #expect(Playbook.default.items.contains { $0.backedBy == .operation(.verification) && $0.id == "troubleshooting.threat-viable" })
        // And every item an action ticks exists.
        let ids = Set(Playbook.default.items.map(\.id))
        for definition in catalog.actions {
            if let item = definition.successChecklist { #expect(ids.contains(item), "\(definition.id) ticks unknown \(item)") }
        }
    }
}

@Suite("A capture kept redacted is never sent")
struct RedactedCaptureTests {
    /// Captures come from redacted output: a value that looked like a secret is `[REDACTED]` in the record,
    /// and sending that placeholder would write it to AWS as if it were the real value (an S3 key, a tag).
    @Test func aRedactedValueIsRefusedWhereverItWouldGo() {
        var values = TemplateValues()
        values.set("copy-to", string: "INC-1/spill/[REDACTED]/db.sql.gz")
        values.set("keys", json: #"["ok", "[REDACTED]"]"#)
        values.set("tags", json: #"{"Value": "[REDACTED]"}"#)
        for argument: ArgumentTemplate in [.placeholder("copy-to"), .spread("keys"), .json(#"{"Objects": "{tags}"}"#)] {
            #expect(throws: TemplateValues.RenderError.self, "\(argument)") { try values.render(argument) }
        }
        values.set("plain", string: "INC-1/spill/3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY/db.sql.gz")
        #expect((try? values.render(.placeholder("plain"))) == ["INC-1/spill/3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY/db.sql.gz"])
    }
}
