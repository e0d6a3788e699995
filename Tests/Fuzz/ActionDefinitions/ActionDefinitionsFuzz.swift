import AWSActions
import Foundation
import FuzzSupport

/// Action definitions are files a team edits (and a config folder can
/// override the built-in ones): whatever the document, the loader does not
/// crash, a refusal is one line naming the file, and an accepted definition's
/// id, texts and parameter names hold no control character.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzActionDefinitions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(UnsafeBufferPointer(start: data, count: size))
    let definition: ActionDefinition
    do {
        definition = try ActionDefinition.load(json: input, file: "user/action.json")
    } catch {
        FuzzProperty.require(FuzzProperty.isOneClearLine(error.description) && FuzzProperty.startsWith(error.description, "user/action.json: "),
                             "unclear refusal \(error.description.debugDescription)")
        return 0
    }
    let texts = [definition.id, definition.summary, definition.warning ?? "", definition.confirm ?? "", definition.notice ?? ""]
        + definition.parameters.flatMap { [$0.name, $0.summary, $0.defaultValue ?? ""] + $0.choices }
        + ActionStage.allCases.flatMap { definition.steps(of: $0).map(\.name) }
    for text in texts {
        FuzzProperty.require(FuzzProperty.hasNoC0(text), "accepted a control character in \(text.debugDescription)")
    }
    FuzzProperty.require(!definition.kinds.isEmpty, "accepted a definition for no resource kind: \(definition.id)")
    return 0
}

/// libFuzzer, trying `fuzzActionDefinitions`.
@main
enum FuzzActionDefinitionsMain {
    static func main() { FuzzMain.run(fuzzActionDefinitions) }
}
