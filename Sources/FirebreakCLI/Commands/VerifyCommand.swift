import ArgumentParser
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentStore

/// `firebreak verify [INCIDENT]`: checks the hash chain, every signature in
/// it, and the projection; compares them with heads and keys known from
/// outside the database. Exit 0 when intact, 2 naming the first problem.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "verify", abstract: "Check the hash chain (exit 0 when intact, 2 naming the first bad event).",
        discussion: """
            Anyone with the file can recompute a whole chain, so what proves it unaltered comes from outside it: \
            a head given out earlier (--expect-head), the signed heads journalled in your config folder \
            (--trusted-heads) and the operators' public keys (--trusted-keys).
            """)

    @Argument(help: "The incident (default: all).") var incident: String?
    @Option(name: .customLong("expect-head"), help: ArgumentHelp("A head hash given out earlier: the chain must still hold it (repeatable).", valueName: "hash"))
    var expectedHeads: [String] = []
    @Option(name: .customLong("trusted-keys"), help: ArgumentHelp("Operators' public key files (.pub), or a folder of them (repeatable).", valueName: "file-or-folder"))
    var trustedKeys: [String] = []
    @Option(name: .customLong("trusted-heads"), help: ArgumentHelp("A journal of signed heads (…/firebreak/heads/*.heads), repeatable.", valueName: "file"))
    var trustedHeads: [String] = []
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try incident.map(IncidentID.init(parsing:))
        let anchors = try loadAnchors(for: id)
        let store = try id.map { try globals.readOnlyStore(for: $0) } ?? globals.readOnlyStore()
        let report = try store?.verify(id, anchors: anchors) ?? VerificationReport(chains: [], unmatchedHeads: anchors.expectedHeads)
        if json {
            // An array, as before signatures existed: the new facts are keys of each element.
            try Output.json(.array(report.chains.map(JSONValue.verification)))
        } else {
            printReport(report, store: store as? SQLiteIncidentStore)
        }
        if let broken = report.chains.first(where: { !$0.isIntact }) {
            // The same line as on stdout, so a script reading either one sees what broke.
            throw CLIError(Self.brokenLine(broken), exitCode: 2)
        }
        if let head = report.unmatchedHeads.first {
            throw CLIError("no incident's chain holds the expected head \(head.hash.prefix(16))…: a chain was cut short or rewritten, or an incident deleted, after that head was given out",
                           exitCode: 2)
        }
    }

    /// `INC-1: NOT intact: event #4: its content does not match its hash (altered after it was recorded)`.
    static func brokenLine(_ result: ChainVerification) -> String {
        "\(result.incident): NOT intact: \(result.problem?.description ?? "unknown problem")"
    }

    private func loadAnchors(for id: IncidentID?) throws -> VerificationAnchors {
        do {
            var keys: TrustedKeys?
            for path in trustedKeys {
                let loaded = try TrustedKeys.load(path)
                keys = TrustedKeys(fingerprints: (keys?.fingerprints ?? [:]).merging(loaded.fingerprints) { $0.union($1) })
            }
            var heads = try trustedHeads.flatMap { try SignedHeadJournal.load($0) }
            if let id { heads = heads.filter { $0.incident == id } }
            return VerificationAnchors(expectedHeads: try expectedHeads.map { try ExpectedHead(incident: id, parsing: $0) },
                                       trustedHeads: heads, trustedKeys: keys)
        } catch let error as SigningError {
            throw CLIError(error.description)
        }
    }

    private func printReport(_ report: VerificationReport, store: SQLiteIncidentStore?) {
        if let copy = store?.privateCopy {
            Output.line("(its folder is not writable: read a private copy of the file and its -wal in \(copy.folder); nothing was created beside it)")
        }
        for result in report.chains {
            if result.isIntact {
                Output.line("\(result.incident): intact, \(result.verifiedEvents) events, head \(result.headHash)")
            } else {
                Output.line(Self.brokenLine(result))
            }
            for signature in result.signatures {
                let trust = signature.trusted.map { $0 ? ", trusted" : ", NOT a trusted key" } ?? ""
                Output.line("  head #\(signature.seq) signed by \(signature.operatorName) (key fingerprint \(signature.fingerprint)\(trust), \(signature.reason.rawValue))")
            }
            if result.isIntact {
                if let lastSigned = result.signatures.last?.seq {
                    if result.verifiedEvents > lastSigned + 1 {
                        Output.line("  #\(lastSigned + 2)…#\(result.verifiedEvents) are not covered by a signature yet")
                    }
                } else {
                    Output.line("  no head is signed yet (heads are signed every 256 events, at close, and by `firebreak sign`)")
                }
            }
            for anchor in result.agreeingAnchors { Output.line("  \(anchor)") }
            if let walOnly = result.eventsOnlyInWAL, walOnly > 0 {
                let name = URL(fileURLWithPath: globals.databasePath).lastPathComponent
                Output.line("  \(walOnly) of its events are committed only to \(name)-wal, not yet to \(name): a copy of \(name) alone would lack them (copy with `firebreak export`)")
            }
        }
        if report.chains.isEmpty { Output.line("No incidents to verify.") }
        if trustedHeads.isEmpty, let store, let signer = try? globals.headSigner(warnings: { _ in }), let journal = signer.journal,
           store.privateCopy == nil, FileManager.default.fileExists(atPath: journal.path) {
            Output.line("(the heads you signed in this database are journalled in \(journal.path): compare them with --trusted-heads)")
        }
    }
}
