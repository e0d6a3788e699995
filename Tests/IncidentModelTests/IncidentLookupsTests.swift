import Foundation
import IncidentModel
import Testing

/// The state finds resources and findings by key; a state decoded from a
/// checkpoint must find them exactly as the state that was folded.
@Suite("Lookups of resources and findings")
struct IncidentLookupsTests {
    static func folded() throws -> (IncidentState, [Event]) {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(IncidentStateTests.opened)))
        let arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"
        state.apply(script.next(.resourceAdded(ResourceAdded(id: arn, kind: .ec2Instance, state: .suspected))))
        state.apply(script.next(.resourceAdded(ResourceAdded(id: "AKIAIOSFODNN7EXAMPLE", kind: .iamAccessKey, state: .compromised))))
        state.apply(script.next(.findingImported(FindingImported(
            id: "f-1", source: "guardduty", type: "Backdoor:EC2/C&CActivity.B", severity: "HIGH (8.0)", title: "C&C",
            firstSeen: "2026-03-01T02:51:07.000Z", lastSeen: "2026-03-01T03:09:55.000Z", resources: [arn], account: nil, region: nil))))
        return (state, script.events)
    }

    @Test func aStateDecodedFromACheckpointFindsWhatTheFoldedOneFinds() throws {
        let (state, _) = try Self.folded()
        let decoded = try JSONDecoder().decode(IncidentState.self, from: try JSONEncoder().encode(state))
        for candidate in [state, decoded] {
            #expect(candidate.hasImportedFinding("f-1", source: "guardduty"))
            #expect(!candidate.hasImportedFinding("f-1", source: "securityhub"))
            #expect(try candidate.resource(matching: "i-0123456789abcdef0").kind == .ec2Instance)
            #expect(candidate.existingResource(named: "i-0123456789abcdef0")?.id.hasPrefix("arn:aws:ec2:") == true)
            #expect(candidate.existingResource(named: "AKIAIOSFODNN7EXAMPLE")?.kind == .iamAccessKey)
            #expect(candidate.existingResource(named: "i-0fffffffffffffff0") == nil)
            // Validation sees the same: a second add of the key is refused, a finding twice is refused.
            #expect(throws: IncidentError.self) {
                try candidate.validate(.resourceAdded(ResourceAdded(id: "AKIAIOSFODNN7EXAMPLE", kind: .iamAccessKey, state: .suspected)))
            }
        }
        #expect(decoded == state)
    }

    /// A short id names a resource of another kind only when no kind is asked for: the role `…:role/web` is not
    /// the user `…:user/web` already in the incident (discovery and import used to take it for present).
    @Test func aShortIDOfAnotherKindIsNotTheSameResource() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(IncidentStateTests.opened)))
        state.apply(script.next(.resourceAdded(ResourceAdded(id: "arn:aws:iam::123456789012:user/web", kind: .iamUser, state: .compromised))))
        let role = "arn:aws:iam::123456789012:role/web"
        #expect(state.existingResource(named: role, kind: .iamRole) == nil)
        #expect(state.existingResource(named: "arn:aws:iam::123456789012:user/web", kind: .iamUser)?.kind == .iamUser)
        #expect(state.existingResource(named: "web", kind: .iamUser)?.kind == .iamUser)
        #expect(state.existingResource(named: "web", kind: .other)?.kind == .iamUser)
        // Without a kind the short id still finds the one resource so named (the command line's `web`).
        #expect(state.existingResource(named: role)?.kind == .iamUser)
    }

    @Test func aStateDecodedAndFoldedFurtherEqualsOneFoldedThroughout() throws {
        let (state, events) = try Self.folded()
        var decoded = try JSONDecoder().decode(IncidentState.self, from: try JSONEncoder().encode(state))
        var live = try IncidentState.replaying(events)
        var script = EventScript(seq: Int64(events.count), clock: events.last!.at, events: [])
        let later = script.next(.resourceAdded(ResourceAdded(id: "i-0fffffffffffffff0", kind: .ec2Instance, state: .suspected)))
        decoded.apply(later)
        live.apply(later)
        #expect(decoded == live)
        #expect(decoded.existingResource(named: "i-0fffffffffffffff0") != nil)
    }

    @Test func indicatorsFoundByKeyMergeSightingsAfterACheckpointToo() throws {
        let (state, events) = try Self.folded()
        var script = EventScript(seq: Int64(events.count), clock: events.last!.at, events: [])
        let first = script.next(.indicatorsRecorded(IndicatorsRecorded(source: "guardduty finding f-1", indicators: [
            IndicatorSighting(kind: .ipAddress, value: "198.51.100.7", field: "Service.Action.AwsApiCallAction.RemoteIpDetails.IpAddressV4"),
            IndicatorSighting(kind: .domain, value: "pool.minexmr.example", field: "Service.Action.DnsRequestAction.Domain"),
        ])))
        // The same address again, and one value under two kinds: the key is kind and value.
        let second = script.next(.indicatorsRecorded(IndicatorsRecorded(source: "note", indicators: [
            IndicatorSighting(kind: .ipAddress, value: "198.51.100.7", field: "text"),
            IndicatorSighting(kind: .principal, value: "pool.minexmr.example", field: "text"),
        ])))
        var live = state
        live.apply(first)
        var decoded = try JSONDecoder().decode(IncidentState.self, from: try JSONEncoder().encode(live))
        live.apply(second)
        decoded.apply(second)
        for candidate in [live, decoded] {
            #expect(candidate.indicators.map(\.id) == ["ip-address:198.51.100.7", "domain:pool.minexmr.example", "principal:pool.minexmr.example"])
            #expect(candidate.indicators[0].seen.map(\.source) == ["guardduty finding f-1", "note"])
            #expect(candidate.indicators[1].seen.count == 1 && candidate.indicators[2].seen.count == 1)
        }
        #expect(decoded == live)
    }
}
