/// Picks the theme the console starts with; never fails.
///
/// ```swift
/// let selection = ThemeSelection.resolve(requested: options.theme,
///                                        environment: ProcessInfo.processInfo.environment,
///                                        locator: ThemeLocator())
/// if let problem = selection.problem { showInFooter(problem.description) }
/// ```
public struct ThemeSelection: Sendable {
    /// The theme to draw with.
    public var theme: Theme
    /// Why the requested theme was not used (bad file, unknown name), if so.
    public var problem: ThemeError?
    /// True when `NO_COLOR` forced the monochrome theme.
    public var monochromeForced: Bool

    /// True when `NO_COLOR` is present and not empty (https://no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    /// The theme for a run: `NO_COLOR` forces `mono`; otherwise `requested`,
    /// else `$FIREBREAK_THEME`, else `default`. A theme that fails to load is
    /// replaced by the built-in default and the error is returned in `problem`.
    public static func resolve(requested: String?, environment: [String: String], locator: ThemeLocator) -> ThemeSelection {
        if noColorRequested(environment: environment) {
            let theme = (try? locator.load("mono")) ?? .builtinMonochrome
            return ThemeSelection(theme: theme, problem: nil, monochromeForced: true)
        }
        let name = requested ?? environment["FIREBREAK_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        do {
            return ThemeSelection(theme: try locator.load(name), problem: nil, monochromeForced: false)
        } catch {
            return ThemeSelection(theme: .builtinDefault, problem: error, monochromeForced: false)
        }
    }
}
