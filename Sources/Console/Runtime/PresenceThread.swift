import Foundation
import IncidentModel
import IncidentStore

/// Announces this console on the incident it shows and reads who else is
/// there, every two seconds, on its own thread. A console that dies stops
/// announcing; others drop it once its heartbeat is older than `freshness`.
final class PresenceThread: @unchecked Sendable {
    private let board: any PresenceBoard
    private let operatorName: String
    private let mode: Presence.Mode
    private let send: @Sendable (ConsoleMessage) -> Void
    private let lock = NSLock()
    private var incident: IncidentID?
    private var running = false
    static let interval: TimeInterval = 2
    static let freshness: TimeInterval = 7
    let session = Presence.thisSession

    init(board: any PresenceBoard, operatorName: String, mode: Presence.Mode, send: @escaping @Sendable (ConsoleMessage) -> Void) {
        self.board = board
        self.operatorName = operatorName
        self.mode = mode
        self.send = send
    }

    /// The incident on screen now (nil: none yet).
    func track(_ incident: IncidentID?) {
        lock.withLock { self.incident = incident }
    }

    func start() {
        lock.withLock { running = true }
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                if let incident = lock.withLock({ self.incident }) {
                    try? board.announce(Presence(operatorName: operatorName, mode: mode, incident: incident,
                                                 session: session, heartbeatAt: Date()))
                    let others = board.present(on: incident, freshness: Self.freshness).filter { $0.session != session }
                    send(.presence(others))
                }
                Thread.sleep(forTimeInterval: Self.interval)
            }
            board.withdraw(session: session)
        }
        thread.name = "firebreak.console.presence"
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
        board.withdraw(session: session)
    }
}
