import Foundation
import IncidentModel

/// An argv as a person would type it (display only: nothing is ever run through a shell).
public enum CommandLineText {
    /// `aws ec2 … 'a b'`: quoted where the shell would need it, terminal-safe.
    public static func aws(_ arguments: [String]) -> String {
        (["aws"] + arguments).map { argument in
            let plain = !argument.isEmpty && argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./:=,@+-".contains($0)) }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }.joined(separator: " ").terminalSafe
    }
}
