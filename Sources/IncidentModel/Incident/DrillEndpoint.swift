/// The emulator a drill's AWS calls go to: an `http` or `https` URL whose host
/// is on the loopback — `127.0.0.0/8` as four plain decimal octets, `[::1]` or
/// `localhost` — with an optional port and nothing else (no user, path, query
/// or fragment), so every URL parser (Foundation's, botocore's) reads the same host.
///
/// ```swift
/// let endpoint = try DrillEndpoint(validating: "http://127.0.0.1:5000")   // host 127.0.0.1, port 5000
/// try DrillEndpoint(validating: "https://127.0.0.1.example.com")           // refused: not the loopback
/// ```
public struct DrillEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The URL as recorded, to pass as `--endpoint-url`.
    public let url: String
    /// `127.x.y.z`, `::1` (without brackets) or `localhost`.
    public let host: String
    public let port: Int

    public var description: String { url }

    public init(validating text: String) throws(IncidentError) {
        let shown = String(text.prefix(200)).terminalSafe
        let refused = IncidentError.invalidInput(
            "the drill endpoint '\(shown)' is not on the loopback (only http(s)://127.x.y.z, [::1] or localhost, with a port, are allowed)")
        var rest = Substring(text)
        let secure: Bool
        if rest.hasPrefix("http://") { secure = false; rest = rest.dropFirst(7) }
        else if rest.hasPrefix("https://") { secure = true; rest = rest.dropFirst(8) }
        else { throw refused }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[::1]") {
            host = "::1"
            rest = rest.dropFirst(5)
            if !rest.isEmpty {
                guard rest.first == ":" else { throw refused }
                portText = rest.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
            guard host == "localhost" || Self.isLoopbackIPv4(host) else { throw refused }
        }
        var port = secure ? 443 : 80
        if let portText {
            guard Self.isPlainNumber(portText), let value = Int(portText), (1...65535).contains(value) else { throw refused }
            port = value
        }
        self.url = text
        self.host = String(host)
        self.port = port
    }

    /// Four decimal octets, no leading zeros (which some parsers read as octal), the first 127.
    static func isLoopbackIPv4(_ host: Substring) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { isPlainNumber($0) && $0.count <= 3 && Int($0).map { $0 <= 255 } == true }
    }

    /// ASCII digits only, and no leading zero unless it is "0" itself.
    static func isPlainNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (text.count == 1 || text.first != "0")
    }
}
