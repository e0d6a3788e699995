import Foundation

/// A one-line message in the footer: what just happened, or what went wrong.
struct StatusMessage: Equatable, Sendable {
    var text: String
    var isError: Bool
    var at: Date
}
