/// Turns one whole delivered log file into records: a CloudTrail log file's
/// `Records`, a VPC Flow Logs file's lines after its header. The bytes are
/// already inflated when the file was gzip'd.
///
/// Throwing refuses the file with one line (a CloudTrail digest file, a
/// CloudTrail Lake export): the source shows that line and goes on with the
/// other files.
public protocol DeliveredFileDecoder: Sendable {
    /// The records of `contents`, in the order to show them; `name` is the file's path, for messages.
    func records(in contents: [UInt8], name: String) throws -> [LogRecord]
}
