import Foundation
import IncidentModel

extension ActionDefinition {
    /// The kinds whose resources `CallerGuard` knows how to compare with the caller.
    static let guardableKinds: Set<ResourceKind> = [.iamUser, .iamRole, .iamAccessKey, .s3Bucket]

    /// Reads `guardsCaller`, `kindNotices`, `undoParameters`, `undoNotice` and
    /// `onUndo.when`, checking each against the rest of the definition.
    mutating func loadIdentityFields(_ fields: [String: JSONField], document: JSONField, undoStateWhen: String?) throws(ActionCatalogError) {
        if let field = fields["guardsCaller"] {
            guardsCaller = try field.bool()
            if guardsCaller, let kind = kinds.first(where: { !Self.guardableKinds.contains($0) }) {
                throw field.fail("\(kind.rawValue) is not an identity or a bucket Firebreak can compare with the caller")
            }
        }
        if let field = fields["kindNotices"] {
            guard let object = field.value as? [String: Any] else { throw field.fail("expected an object of kind → text") }
            let visible = ActionDefinition.commonPlaceholders.union(parameters.map(\.name)).union(preview.compactMap(\.capture))
            for key in object.keys.sorted() {
                let entry = field.child(key, object[key]!)
                guard let kind = ResourceKind(rawValue: key), kinds.contains(kind) else { throw entry.fail("not one of the action's kinds") }
                let text = try entry.nonEmptyString()
                for name in ArgumentTemplate.queryReferences(text) where !visible.contains(name) {
                    throw entry.fail("unknown placeholder {\(name)} (a notice names preview captures)")
                }
                kindNotices[kind] = text
            }
        }
        for field in try fields["undoParameters"]?.array() ?? [] {
            let parameter = try Self.parseParameter(field)
            if parameters.contains(where: { $0.name == parameter.name }) { throw field.fail("'\(parameter.name)' is already a parameter of the run") }
            undoParameters.append(parameter)
        }
        if !undoParameters.isEmpty && undo.isEmpty { throw fields["undoParameters"]!.fail("an action without undo steps takes no undo parameters") }
        let undoNames = Set(undoParameters.map(\.name))
        if let field = fields["undoNotice"] {
            let object = try field.object(allowing: ["text", "when", "unless"])
            let notice = UndoNotice(text: try object.required("text", in: field).nonEmptyString(),
                                    when: try object["when"]?.nonEmptyString(), unless: try object["unless"]?.nonEmptyString())
            for (key, name) in [("when", notice.when), ("unless", notice.unless)] {
                if let name, !undoNames.contains(name) { throw object[key]!.fail("'\(name)' is not an undo parameter") }
            }
            undoNotice = notice
        }
        if let name = undoStateWhen {
            guard undoNames.contains(name) else { throw document.child("onUndo", NSNull()).child("when", name).fail("'\(name)' is not an undo parameter") }
            self.undoStateWhen = name
        }
    }
}
