import IncidentModel
import Testing

/// A drill's endpoint is on the loopback, written so that every URL parser reads the same host.
@Suite("Drill endpoints")
struct DrillEndpointTests {
    @Test(arguments: [("http://127.0.0.1:5000", "127.0.0.1", 5000), ("http://127.255.255.254:80/", "127.255.255.254", 80),
                      ("https://localhost:4566", "localhost", 4566), ("http://[::1]:8080", "::1", 8080), ("http://127.0.0.1", "127.0.0.1", 80)])
    func loopbackEndpointsAreTaken(_ text: String, _ host: String, _ port: Int) throws {
        let endpoint = try DrillEndpoint(validating: text)
        #expect(endpoint.host == host && endpoint.port == port && endpoint.url == text)
    }

    @Test(arguments: ["https://iam.amazonaws.com", "http://127.0.0.1.evil.example:5000", "http://127.0.0.1@evil.example",
                      "http://evil.example#@127.0.0.1", "http://evil.example\\@127.0.0.1", "http://0177.0.0.1:5000", "http://127.1:5000",
                      "http://2130706433", "http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:05000",
                      "http://127.0.0.1:5000/path", "http://127.0.0.1:5000?x=1", "ftp://127.0.0.1", "http://10.0.0.1:5000",
                      "http://[::ffff:127.0.0.1]:5000", "http://localhost.evil.example", "http://127.0.0.256", " http://127.0.0.1",
                      "http://127.0.0.1:5000 ", "HTTP://127.0.0.1", ""])
    func everythingElseIsRefused(_ text: String) {
        #expect(throws: IncidentError.self) { try DrillEndpoint(validating: text) }
    }

    @Test func onlyADrillRecordsAnEndpointAndOnlyOnTheLoopback() throws {
        try IncidentOpened(title: "d", severity: Severity(rawValue: 3)!, isDrill: true, drillEndpoint: "http://127.0.0.1:5000").validate()
        #expect(throws: IncidentError.self) {
            try IncidentOpened(title: "d", severity: Severity(rawValue: 3)!, isDrill: true, drillEndpoint: "https://sts.amazonaws.com").validate()
        }
        #expect(throws: IncidentError.self) {
            try IncidentOpened(title: "real", severity: Severity(rawValue: 3)!, isDrill: false, drillEndpoint: "http://127.0.0.1:5000").validate()
        }
    }
}
