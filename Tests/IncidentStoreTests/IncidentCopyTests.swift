import Foundation
import IncidentModel
import IncidentStore
import PostgresStore
import Testing
import FirebreakTestSupport

@Suite("Moving an incident between stores")
struct IncidentCopyTests {
    static let line = KeptLogLine(sourceID: "file:/var/log/auth.log", sourceName: "auth.log", sequence: 7,
                                  time: Date(millisecondsSince1970: 1_764_400_000_000), arrivedAt: Date(millisecondsSince1970: 1_764_400_000_500),
                                  level: "info", raw: Array("sshd: accepted key".utf8), rawLength: 18,
                                  sha256Hex: String(repeating: "a", count: 64))

    /// A server's incident becomes a reviewer's single SQLite file whose verify passes with the server's head,
    /// kept lines included; and back into another server the same way.
    @Test(arguments: StoreKind.allCases)
    func anIncidentCopiedToAFileAndBackKeepsItsHead(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        try (store as! any KeptLogLineStore).keep([Self.line], cursor: "c-7", source: Self.line.sourceID, of: id, cap: .default, alsoDropped: 2)
        let head = try #require(try store.verify(id).first)
        let file = fixture.folder.path("review.db")
        let exported = try IncidentCopy.copy(id, from: fixture.readOnly(), to: .file(file))
        #expect(exported.headHash == head.headHash)
        #expect(!FileManager.default.fileExists(atPath: file + "-wal"))
        let review = try SQLiteIncidentStore(path: file, mode: .readOnly)
        let verified = try #require(try review.verify(nil).first)
        #expect(verified.isIntact && verified.headHash == head.headHash && verified.verifiedEvents == 5)
        #expect(try review.events(of: id, since: 0) == store.events(of: id, since: 0))
        #expect(try review.keptLines(of: id).lines == [Self.line])
        #expect(try review.keptLines(of: id).dropped == 2)
        #expect(try review.keptCursor(of: id, source: Self.line.sourceID) == "c-7")

        let other = try StoreFixture(.postgresql)
        let copied = try IncidentCopy.copy(id, from: review, to: other.location)
        #expect(copied.headHash == head.headHash)
        #expect(try other.readOnly().state(of: id) == store.state(of: id))
    }

    @Test(arguments: StoreKind.allCases)
    func anIncidentTheTargetHasAlreadyIsRefusedAndNothingIsWritten(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let target = try StoreFixture(kind)
        let (theirs, _) = try target.seeded()
        let before = try theirs.events(of: id, since: 0)
        #expect(throws: StoreError.self) { _ = try IncidentCopy.copy(id, from: store, to: target.location) }
        #expect(try target.readOnly().events(of: id, since: 0) == before)
    }

    @Test func aRecordWhoseChainIsBrokenIsNotCopied() throws {
        let fixture = try StoreFixture(.postgresql)
        let (store, id) = try fixture.seeded()
        var record = try IncidentRecord.read(id, from: store)
        record.events[2].body = record.events[2].body.replacingOccurrences(of: "containment", with: "recovery")
        let target = try StoreFixture(.sqlite)
        let writable = try target.writable() as! any IncidentRecordImporting
        #expect(throws: StoreError.self) { try writable.importIncident(record) }
        #expect(try target.writable().incidents(includeClosed: true).isEmpty)
    }
}
