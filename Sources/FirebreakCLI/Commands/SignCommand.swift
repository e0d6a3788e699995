import ArgumentParser
import IncidentModel
import IncidentStore

/// `firebreak sign INCIDENT`: signs the incident's head now with the
/// operator's key (heads are also signed every 256 events and at close).
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "sign", abstract: "Sign the incident's head now with your key (also done every 256 events and at close).")

    @Argument(help: "The incident.") var incident: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let store = try globals.writableStore(forExisting: id, warnings: { _ in })
        guard let signer = try? globals.headSigner(warnings: { _ in }) else { throw CLIError("no operator to sign as") }
        let key: String
        do {
            _ = try signer.keys.key(for: signer.operatorName)
            key = signer.keys.publicKeyPath(for: signer.operatorName)
        } catch let error as SigningError {
            throw CLIError(error.description)
        }
        guard let signed = try store.signHead(of: id) else { throw CLIError("\(id)'s head was not signed") }
        Output.line("\(id): head #\(signed.seq) \(signed.headHash) signed by \(signer.operatorName) (key fingerprint \(signed.fingerprint))")
        Output.line("public key: \(key)")
    }
}
