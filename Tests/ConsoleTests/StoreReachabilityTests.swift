import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

@Suite("The header while the store's server is away")
struct StoreReachabilityTests {
    @Test func theHeaderSaysReconnectingWhileTheStoreIsAwayAndStopsWhenItIsBack() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 40))
        func header() -> String {
            var copy = model
            return ConsoleView.render(copy).textLines()[0]
        }
        #expect(!header().contains("reconnecting"))
        _ = model.update(.storeReachability("the database postgresql://alice@db/firebreak: reconnecting: the connection to the server was lost"))
        #expect(header().contains("reconnecting…"))
        #expect(header().contains("INC-7"))
        _ = model.update(.storeReachability(nil))
        #expect(!header().contains("reconnecting"))
    }
}
