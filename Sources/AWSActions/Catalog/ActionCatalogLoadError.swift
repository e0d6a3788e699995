/// The action catalog could not be loaded at all, because a compiled-in
/// definition is broken (a file on the search path that cannot be used is
/// skipped instead, `ActionCatalog.skipped`). One line: the command line
/// prints it and exits 1, the console's launcher stops with it.
public struct ActionCatalogLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problem: ActionCatalogError

    public init(_ problem: ActionCatalogError) {
        self.problem = problem
    }

    public var description: String { ActionCatalog.line(about: problem) }
}

extension ActionCatalog {
    /// The catalog as a front end loads it: each skipped file is one line given
    /// to `warn` (stderr, the console's footer), and a broken built-in is a
    /// typed error.
    public static func load(locator: ActionCatalogLocator = ActionCatalogLocator(),
                            warn: (String) -> Void) throws(ActionCatalogLoadError) -> ActionCatalog {
        let catalog: ActionCatalog
        do {
            catalog = try load(locator: locator)
        } catch {
            throw ActionCatalogLoadError(error)
        }
        for problem in catalog.skipped { warn(line(about: problem)) }
        return catalog
    }

    /// `action catalog: FILE: FIELD: REASON`, control characters escaped.
    static func line(about problem: ActionCatalogError) -> String {
        "action catalog: \(problem.description)"
    }
}
