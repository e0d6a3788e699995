extension Key: CustomStringConvertible {
    private static let named: [(String, Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("S-Tab", .backTab),
        ("BS", .backspace), ("Del", .delete), ("Insert", .insert),
        ("PageUp", .pageUp), ("PageDown", .pageDown), ("Home", .home), ("End", .end),
        ("Resize", .resize), ("Space", .character(" ")), ("lt", .character("<")),
    ]

    /// Extra spellings accepted when parsing (never produced).
    private static let aliases: [String: Key] = [
        "cr": .enter, "return": .enter, "escape": .escape, "backspace": .backspace,
        "delete": .delete, "pgup": .pageUp, "pgdn": .pageDown, "backtab": .backTab,
        "ins": .insert,
    ]

    /// The stable spelling: `j`, `<Down>`, `<S-Tab>`, `<C-c>`, `<M-x>`, `<F5>`,
    /// `<Space>`, `<lt>`, `<LeftClick@3,4>`.
    public var spelling: String {
        switch self {
        case .character(let c):
            if c == " " { return "<Space>" }
            if c == "<" { return "<lt>" }
            return String(c)
        case .ctrl(let c): return "<C-\(c)>"
        case .alt(let c): return "<M-\(Key.character(c).spelling.trimmingAngles)>"
        case .function(let n): return "<F\(n)>"
        case .mouse(let event):
            let action = event.button == .wheelUp || event.button == .wheelDown ? "" : event.action.rawValue
            return "<\(event.button.rawValue)\(action)@\(event.x),\(event.y)>"
        default:
            return "<\(Key.named.first { $0.1 == self }!.0)>"
        }
    }

    public var description: String { spelling }

    /// Parses a spelling produced by `spelling` (case-insensitive inside `<>`,
    /// with a few aliases such as `<CR>` and `<PgDn>`). Returns nil for
    /// anything else.
    public init?(spelling text: String) {
        guard !text.isEmpty else { return nil }
        if text.count == 1, let c = text.first {
            guard Key.isPrintable(c) else { return nil }
            self = .character(c)
            return
        }
        guard text.hasPrefix("<"), text.hasSuffix(">") else { return nil }
        let inner = String(text.dropFirst().dropLast())
        let lower = inner.lowercased()
        if let key = Key.named.first(where: { $0.0.lowercased() == lower })?.1 ?? Key.aliases[lower] {
            self = key
            return
        }
        if lower.hasPrefix("c-"), inner.count == 3, let c = lower.last, c >= "a", c <= "z" {
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("m-") || lower.hasPrefix("a-") {
            let rest = String(inner.dropFirst(2))
            let key = rest.count == 1 ? Key(spelling: rest) : Key(spelling: "<\(rest)>")
            guard case .character(let c)? = key else { return nil }
            self = .alt(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n), !lower.dropFirst().hasPrefix("+") {
            self = .function(n)
            return
        }
        if let at = inner.firstIndex(of: "@") {
            let name = String(inner[..<at])
            let coordinates = inner[inner.index(after: at)...].split(separator: ",")
            guard coordinates.count == 2, let x = Int(coordinates[0]), let y = Int(coordinates[1]), x >= 0, y >= 0 else { return nil }
            for button in MouseEvent.Button.allCases {
                if button == .wheelUp || button == .wheelDown {
                    if name == button.rawValue {
                        self = .mouse(MouseEvent(button: button, x: x, y: y))
                        return
                    }
                    continue
                }
                for action in MouseEvent.Action.allCases where name == button.rawValue + action.rawValue {
                    self = .mouse(MouseEvent(button: button, action: action, x: x, y: y))
                    return
                }
            }
        }
        return nil
    }

    /// Whether `c` may appear as `.character(c)`: no control, format or
    /// zero-width characters (they would be invisible in help and docs).
    public static func isPrintable(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first else { return false }
        return DisplayWidth.of(first).map { $0 > 0 } ?? false
    }
}

extension String {
    fileprivate var trimmingAngles: String {
        hasPrefix("<") && hasSuffix(">") && count > 2 ? String(dropFirst().dropLast()) : self
    }
}
