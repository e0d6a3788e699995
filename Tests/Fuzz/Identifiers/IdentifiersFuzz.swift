import FuzzSupport
import IncidentModel

/// The ARN and id parsers take what people type and what AWS and findings
/// files say. Each input is tried against every parser (a resource id with no
/// kind and with each kind): a rejection is one `IncidentError` line; an
/// accepted ARN prints back as itself and holds no control; an accepted
/// resource id is not empty, never reads as a flag and holds nothing a
/// terminal acts on; an incident id round-trips; an accepted title has no control.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIdentifiers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzProperty.text(data, size)
    func refusal(_ what: String, _ body: () throws -> Void) {
        do { try body() } catch {
            let message = "\(error)"
            FuzzProperty.require(error is IncidentError && FuzzProperty.isOneClearLine(message),
                                 "\(what) \(text.debugDescription) refused with \(type(of: error)) \(message.debugDescription)")
        }
    }
    refusal("ARN") {
        let arn = try ARN(parsing: text)
        FuzzProperty.require(arn.description == text, "ARN \(text.debugDescription) printed back as \(arn.description.debugDescription)")
        FuzzProperty.require(FuzzProperty.hasNoC0(arn.description), "ARN with a control accepted: \(text.debugDescription)")
    }
    let kinds: [ResourceKind?] = [nil] + ResourceKind.allCases.map { $0 }
    for kind in kinds {
        refusal("resource id (\(kind?.rawValue ?? "any kind"))") {
            let reference = try ResourceIdentifier(parsing: text, kind: kind)
            FuzzProperty.require(!reference.id.isEmpty && !reference.id.hasPrefix("-") && FuzzProperty.isSafeToDraw(reference.id),
                                 "resource id \(text.debugDescription) accepted as \(reference.id.debugDescription)")
            if let kind { FuzzProperty.require(reference.kind == kind, "resource id \(text.debugDescription) asked as \(kind) became \(reference.kind)") }
        }
    }
    refusal("incident id") {
        let id = try IncidentID(parsing: text)
        FuzzProperty.require(id.rawValue > 0 && (try? IncidentID(parsing: id.description)) == id,
                             "incident id \(text.debugDescription) became \(id)")
    }
    refusal("phase") { _ = try Phase(parsing: text) }
    refusal("resource state") { _ = try ResourceState(parsing: text) }
    refusal("resource kind") { _ = try ResourceKind(parsing: text) }
    refusal("time") { _ = try Timestamp.parse(text) }
    refusal("single-line text") {
        let value = try TextField.singleLine(text, named: "title")
        FuzzProperty.require(FuzzProperty.isSafeToDraw(value), "a title with a control character was accepted: \(value.debugDescription)")
    }
    return 0
}

/// libFuzzer, trying `fuzzIdentifiers`.
@main
enum FuzzIdentifiersMain {
    static func main() { FuzzMain.run(fuzzIdentifiers) }
}
