import Foundation

/// A fresh folder for one test, removed with everything in it when the value goes away.
///
/// ```swift
/// let folder = try TemporaryFolder()
/// let database = folder.path("incidents.db")
/// ```
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
