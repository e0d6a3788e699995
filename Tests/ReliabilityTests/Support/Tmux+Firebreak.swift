import FirebreakTestSupport

/// The reliability tests' name for the shared tmux driver.
typealias Tmux = TmuxSession

extension TmuxSession {
    /// The environment a console needs in these tests.
    static func environment(_ fb: Firebreak, operatorName: String = "alice") -> [String: String] {
        ["FIREBREAK_DB": fb.database, "FIREBREAK_OPERATOR": operatorName, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
         "NO_COLOR": "", "FIREBREAK_THEME": "", "TERM": "tmux-256color"]
    }

    /// The firebreak binary with arguments, quoted for `sh`.
    static func firebreak(_ arguments: String) -> String { "'\(Firebreak.binary)' \(arguments)" }
}
