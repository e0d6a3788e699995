import Foundation
import IncidentModel
import Testing
@testable import LogTail

@Suite("Resource linker")
struct ResourceLinkerTests {
    static let instance = "i-0abc1234567890def"
    static let shortInstance = "i-0abc1234"
    static let key = "AKIAIOSFODNN7EXAMPLE"
    static let roleARN = "arn:aws:iam::123456789012:role/service-role/payments"
    static let instanceARN = "arn:aws:ec2:us-east-1:123456789012:instance/i-0fff0000000000001"

    static let linker = ResourceLinker(resources: [
        resource(instance, .ec2Instance),
        resource(shortInstance, .ec2Instance),
        resource(key, .iamAccessKey),
        resource("s3://logs-prod", .s3Bucket),
        resource("10.0.0.1", .ipAddress),
        resource("2001:db8::7", .ipAddress),
        resource(roleARN, .iamRole),
        resource(instanceARN, .ec2Instance),
    ])

    static func found(_ text: String) -> [String] {
        linker.matches(in: text).map { String(text[$0.range(in: text)]) }
    }

    static func ids(_ text: String) -> [String] { linker.resourceIDs(mentionedIn: text) }

    @Test func findsIdsWithTheirRanges() {
        let text = "Stopping \(Self.instance) after key \(Self.key) was used"
        let matches = Self.linker.matches(in: text)
        #expect(matches.map(\.resourceID) == [Self.instance, Self.key])
        #expect(matches.map { String(text[$0.range(in: text)]) } == [Self.instance, Self.key])
        #expect(matches[0].utf8Range == 9..<(9 + Self.instance.utf8.count))
        #expect(Self.linker.mentions(in: text))
    }

    @Test func respectsWordBoundaries() {
        // A longer id that starts with a tracked one is another resource.
        #expect(Self.ids("i-0abc12345 is not i-0abc1234") == [Self.shortInstance])
        #expect(Self.ids("i-0abc12345") == [])
        #expect(Self.ids("xi-0abc1234") == [])
        #expect(Self.ids("i-0abc1234_old") == [])
        #expect(Self.ids("AKIAIOSFODNN7EXAMPLEX") == [])
        #expect(Self.ids("id=i-0abc1234,") == [Self.shortInstance])
        #expect(Self.ids("\"i-0abc1234\"") == [Self.shortInstance])
        #expect(Self.ids("on i-0abc1234.") == [Self.shortInstance])
        #expect(Self.ids("(i-0abc1234)") == [Self.shortInstance])
        #expect(!Self.linker.mentions(in: "nothing to see here, i-0 and AKIA"))
    }

    @Test func ipAddressesMatchWholeAddressesOnly() {
        #expect(Self.ids("src=10.0.0.1 dst=8.8.8.8") == ["10.0.0.1"])
        #expect(Self.ids("10.0.0.1:443") == ["10.0.0.1"])
        #expect(Self.ids("from 10.0.0.1.") == ["10.0.0.1"])
        #expect(Self.ids("10.0.0.12") == [])
        #expect(Self.ids("110.0.0.1") == [])
        #expect(Self.ids("1.10.0.0.1") == [])
        #expect(Self.ids("10.0.0.1.5") == [])
        #expect(Self.ids("[2001:db8::7]:22") == ["2001:db8::7"])
    }

    @Test func bucketsAndArns() {
        #expect(Self.ids("s3://logs-prod/key.txt") == ["s3://logs-prod"])
        #expect(Self.ids("GetObject logs-prod/secret.csv") == ["s3://logs-prod"])
        #expect(Self.ids("https://logs-prod.s3.amazonaws.com/x") == ["s3://logs-prod"])
        #expect(Self.ids("logs-production") == [])
        // The whole ARN is one match, not the ARN and then the role name inside it.
        #expect(Self.found("assumed \(Self.roleARN) ok") == [Self.roleARN])
        // CloudTrail names the role by its last name.
        #expect(Self.ids("\"userName\":\"payments\"") == [Self.roleARN])
        #expect(Self.ids("payments-v2") == [])
        // An instance tracked by ARN is found by its bare id too.
        #expect(Self.ids("instance i-0fff0000000000001 stopped") == [Self.instanceARN])
    }

    @Test func longestOverlappingNameWins() {
        let linker = ResourceLinker(names: [("short", ["i-0abc"]), ("arn", ["arn:aws:ec2:::instance/i-0abc"])])
        let text = "arn:aws:ec2:::instance/i-0abc and i-0abc"
        #expect(linker.matches(in: text).map(\.resourceID) == ["arn", "short"])
    }

    @Test func shortNamesAndEmptySetsAreIgnored() {
        let linker = ResourceLinker(names: [("x", ["ab", "a"])])
        #expect(linker.isEmpty)
        #expect(linker.matches(in: "ab a ab").isEmpty)
        #expect(ResourceLinker(resources: []).matches(in: "anything").isEmpty)
    }

    @Test func knowsWhenToRebuild() {
        let resources = [resource("i-0abc1234", .ec2Instance)]
        let linker = ResourceLinker(resources: resources)
        #expect(linker.isBuilt(for: resources))
        #expect(!linker.isBuilt(for: resources + [resource("10.0.0.1", .ipAddress)]))
    }

    @Test func matchesAtTheEdgesOfTheText() {
        #expect(Self.ids(Self.key) == [Self.key])
        #expect(Self.ids("k=\(Self.key)") == [Self.key])
        #expect(Self.ids("\(Self.key) x") == [Self.key])
        #expect(Self.ids("界\(Self.key)") == [])
        #expect(Self.ids("界 \(Self.key) 界") == [Self.key])
    }

    /// A sanity check of the matcher's speed; the real measurement is a
    /// release build (see the module's report), so debug only checks it is
    /// not pathologically slow.
    @Test func scansManyLinesQuickly() {
        var resources: [Resource] = []
        for index in 0..<50 { resources.append(resource(String(format: "i-0%016x", index * 7919), .ec2Instance)) }
        for index in 0..<20 { resources.append(resource("10.1.\(index).\(index + 1)", .ipAddress)) }
        resources.append(resource(Self.key, .iamAccessKey))
        let linker = ResourceLinker(resources: resources)
        let lines = (0..<2000).map { index in
            String("2026-11-29T03:04:05Z sshd[\(index)]: Accepted publickey for ec2-user from 10.2.3.\(index % 250) port 22 ssh2 i-0".prefix(100))
        }
        var hits = 0
        let started = Date()
        for text in lines where linker.mentions(in: text) { hits += 1 }
        #expect(hits == 0)
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(linker.mentions(in: "from 10.1.3.4 port 22"))
    }
}
