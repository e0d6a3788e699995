import IncidentModel
import Testing

@Suite("Event bodies: canonical JSON")
struct PayloadEncodingTests {
    static let payloads: [EventPayload] = [
        .incidentOpened(IncidentOpened(title: "t", severity: Severity(rawValue: 1)!, accounts: ["123456789012"], regions: ["us-east-1"])),
        .phaseEntered(PhaseEntered(phase: .followUp)),
        .resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1", owner: "web")),
        .resourceStateChanged(ResourceStateChanged(resource: "x", from: .suspected, to: .compromised, reason: "r")),
        .checklistItemChanged(ChecklistItemChanged(item: "a.b", state: .skipped, reason: "n/a")),
        .checklistItemAdded(ChecklistItemAdded(item: ChecklistTemplate(id: "recovery.custom-1", phase: .recovery, text: "Rebuild"))),
        .noteAdded(NoteAdded(text: "multi\nline ✓ 日本")),
        .incidentClosed(IncidentClosed(resolution: "done")),
        .incidentReopened(IncidentReopened()),
        .severityChanged(SeverityChanged(from: Severity(rawValue: 3)!, to: Severity(rawValue: 1)!, reason: "production data")),
        .noteAdded(NoteAdded(text: "customers told: no data lost", noteKind: .statusUpdate)),
    ]

    /// A note without a kind is stored exactly as before kinds existed, so recorded chains hash the same.
    @Test func aPlainNoteIsStoredAsBeforeAndAStatusUpdateSaysItsKind() throws {
        #expect(try EventPayload.noteAdded(NoteAdded(text: "x")).encodedBody() == #"{"text":"x"}"#)
        #expect(try EventPayload.noteAdded(NoteAdded(text: "x", noteKind: .statusUpdate)).encodedBody() == #"{"kind":"status-update","text":"x"}"#)
    }

    @Test(arguments: payloads)
    func bodiesRoundTripThroughTheirKind(_ payload: EventPayload) throws {
        let body = try payload.encodedBody()
        #expect(try EventPayload.decode(kind: payload.kind, body: body) == payload)
        // Canonical: encoding twice gives the same text, so hashes are stable.
        #expect(try payload.encodedBody() == body)
    }

    @Test func unknownKindsAreKeptVerbatim() throws {
        let payload = try EventPayload.decode(kind: "x.not-yet-invented", body: #"{"b":1,"a":2}"#)
        #expect(payload == .unrecognized(kind: "x.not-yet-invented", body: #"{"b":1,"a":2}"#))
        #expect(try payload.encodedBody() == #"{"b":1,"a":2}"#)
    }

    @Test func aKnownKindWithABadBodyIsAnError() {
        #expect(throws: (any Error).self) { try EventPayload.decode(kind: "phase.entered", body: #"{"phase":"lunch"}"#) }
    }
}

extension EventPayload: CustomTestStringConvertible {
    public var testDescription: String { kind }
}
