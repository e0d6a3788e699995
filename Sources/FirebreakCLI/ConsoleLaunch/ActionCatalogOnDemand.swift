import AWSActions
import Foundation

/// The action catalog, loaded the first time the console needs it rather than
/// before its first frame: parsing every definition (the built-ins and any the
/// responder added) was a third of the console's start (docs/BENCHMARKS.md).
/// The console starts loading it in the background once it is up
/// (`preload`), so the first action menu rarely waits.
final class ActionCatalogOnDemand: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: Result<ActionCatalog, ActionCatalogLoadError>?
    private let load: @Sendable () throws(ActionCatalogLoadError) -> ActionCatalog

    /// `load` runs once, on whichever thread first asks.
    init(_ load: @escaping @Sendable () throws(ActionCatalogLoadError) -> ActionCatalog) {
        self.load = load
    }

    /// A catalog already loaded (the tests').
    init(_ catalog: ActionCatalog) {
        self.load = { catalog }
        self.loaded = .success(catalog)
    }

    /// The catalog, loading it if no one has yet; a load that failed fails the same way each time.
    func catalog() throws(ActionCatalogLoadError) -> ActionCatalog {
        lock.lock()
        defer { lock.unlock() }
        if loaded == nil {
            do throws(ActionCatalogLoadError) { loaded = .success(try load()) } catch { loaded = .failure(error) }
        }
        return try loaded!.get()
    }

    /// Loads it on a background thread now.
    func preload() {
        DispatchQueue.global(qos: .utility).async { [self] in _ = try? catalog() }
    }
}
