import AWSActions
import Foundation
import FuzzSupport

/// Findings files come from AWS accounts an attacker may control (a tag, a
/// resource name): whatever the document, the importer does not crash, every
/// refusal is one line naming the file (and the finding), and what it accepts
/// carries no control character into the incident nor a resource id that
/// reads as a flag.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFindings(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(UnsafeBufferPointer(start: data, count: size))
    let document: FindingsDocument
    do {
        document = try FindingsDocument.parse(input, source: "findings.json", ownerTags: OwnerTags())
    } catch {
        FuzzProperty.require(FuzzProperty.isOneClearLine(error.description) && FuzzProperty.startsWith(error.description, "findings.json: "),
                             "unclear refusal \(error.description.debugDescription)")
        return 0
    }
    for problem in document.problems {
        FuzzProperty.require(FuzzProperty.isOneClearLine(problem.description) && FuzzProperty.startsWith(problem.description, "findings.json: finding "),
                             "unclear refusal of a finding \(problem.description.debugDescription)")
    }
    for finding in document.findings {
        let texts = [finding.id, finding.type, finding.title, finding.severity, finding.intent ?? "", finding.account ?? "", finding.region ?? ""]
            + finding.resources.flatMap { [$0.reference.id, $0.owner ?? "", $0.region ?? "", $0.account ?? ""] }
        for text in texts {
            FuzzProperty.require(FuzzProperty.isSafeToDraw(text), "accepted a control character in \(text.debugDescription)")
        }
        for resource in finding.resources {
            FuzzProperty.require(!resource.reference.id.isEmpty && !resource.reference.id.hasPrefix("-"),
                                 "accepted a resource id that is empty or reads as a flag: \(resource.reference.id.debugDescription)")
        }
    }
    return 0
}

/// libFuzzer, trying `fuzzFindings`.
@main
enum FuzzFindingsMain {
    static func main() { FuzzMain.run(fuzzFindings) }
}
