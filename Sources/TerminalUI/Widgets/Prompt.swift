/// A one-line text input: label, text with a cursor, placeholder when empty,
/// and an inline error line under it. A pre-filled value opens selected (as a
/// dialog's field does): typing replaces it, Backspace clears it, and a key
/// that moves the cursor (arrows, Home, End) keeps it for editing.
public struct Prompt: Hashable, Sendable {
    /// What handling a key did.
    public enum Outcome: Hashable, Sendable {
        /// The text changed.
        case edited
        /// The cursor moved; the text did not change.
        case moved
        /// Enter: the text is final.
        case submitted(String)
        /// Esc: the user gave up.
        case cancelled
        /// Not a key the prompt uses.
        case ignored
    }

    /// Shown before the text, e.g. `Note: `.
    public var label: String
    /// Shown dimmed while the text is empty.
    public var placeholder: String
    /// Shown on the line below (e.g. `type the key id to confirm`); editing clears it.
    public var error: String?
    /// Most characters accepted; nil for no limit.
    public var maxLength: Int?
    private var characters: [Character]
    /// Cursor position in characters, 0…text.count.
    public private(set) var cursor: Int
    /// The pre-filled text is selected: the next edit replaces it whole.
    public private(set) var isSelected: Bool

    /// `selectsText` false keeps a pre-filled text as a start to type after (a prefix such as `Drill: `).
    public init(label: String = "", text: String = "", placeholder: String = "", maxLength: Int? = nil, selectsText: Bool = true) {
        self.label = label
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.characters = Array(text.filter(Key.isPrintable))
        self.cursor = characters.count
        self.isSelected = selectsText && !characters.isEmpty
    }

    /// The text typed so far.
    public var text: String { String(characters) }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ text: String) {
        characters = Array(text.filter(Key.isPrintable))
        cursor = characters.count
        isSelected = false
    }

    /// Inserts `text` at the cursor (typing or pasting); control characters
    /// are dropped so a paste cannot smuggle escapes into the incident.
    public mutating func insert(_ text: String) {
        if isSelected, !text.filter(Key.isPrintable).isEmpty { clearSelection() }
        var incoming = text.filter(Key.isPrintable)
        if let maxLength { incoming = String(incoming.prefix(max(0, maxLength - characters.count))) }
        characters.insert(contentsOf: incoming, at: cursor)
        cursor += incoming.count
        error = nil
    }

    /// Applies an editing key: characters insert; Backspace, Delete, Left,
    /// Right, Home, End (and Ctrl-A/E/U/K/W, Ctrl-B/F) edit and move; Enter
    /// submits; Esc cancels.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        if isSelected {
            switch key {
            case .backspace, .ctrl("h"), .delete, .ctrl("d"), .ctrl("u"), .ctrl("k"), .ctrl("w"):
                // Deleting a selection deletes all of it.
                clearSelection()
                error = nil
                return .edited
            case .left, .ctrl("b"), .right, .ctrl("f"), .home, .ctrl("a"), .end, .ctrl("e"):
                // Moving keeps the value to edit; the move itself happens below.
                isSelected = false
            default:
                break
            }
        }
        switch key {
        case .character(let c):
            let before = characters.count
            insert(String(c))
            return characters.count == before ? .ignored : .edited
        case .enter:
            return .submitted(text)
        case .escape, .ctrl("c"), .ctrl("g"):
            return .cancelled
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
        case .left, .ctrl("b"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            return .moved
        case .right, .ctrl("f"):
            guard cursor < characters.count else { return .ignored }
            cursor += 1
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = characters.count
            return .moved
        case .ctrl("u"):
            guard cursor > 0 else { return .ignored }
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            guard cursor < characters.count else { return .ignored }
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            guard cursor > 0 else { return .ignored }
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return .ignored
        }
        error = nil
        return .edited
    }

    /// Drops the selected pre-filled text.
    private mutating func clearSelection() {
        characters.removeAll()
        cursor = 0
        isSelected = false
    }

    /// Rows `draw` needs: one, or two with an error.
    public var height: Int { error == nil ? 1 : 2 }

    /// Draws the prompt in the first row of `rect` (and the error in the
    /// second). The text scrolls horizontally so the cursor stays visible;
    /// the cursor is drawn as a cell in the `prompt.cursor` role because the
    /// terminal cursor is hidden.
    public func draw(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.withClip(rect) { canvas in
            let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
            canvas.fill(row, role: .prompt)
            let labelWidth = canvas.put(label, x: rect.x, y: rect.y, maxWidth: max(0, rect.width - 2), role: .prompt)
            let available = rect.width - labelWidth
            guard available > 0 else { return }
            let x = rect.x + labelWidth
            if characters.isEmpty {
                canvas.put(" ", x: x, y: rect.y, role: .promptCursor)
                canvas.put(placeholder, x: x + 1, y: rect.y, maxWidth: available - 1, role: .promptPlaceholder)
            } else {
                // Smallest start that keeps text[start..<cursor] plus the cursor cell on screen.
                var start = cursor
                var used = 1
                while start > 0 {
                    let width = DisplayWidth.of(String(characters[start - 1]))
                    if used + width > available { break }
                    used += width
                    start -= 1
                }
                var column = x
                for index in start..<characters.count {
                    let remaining = rect.x + rect.width - column
                    guard remaining > 0 else { break }
                    // A selected value is drawn highlighted: the next key replaces it.
                    let role: StyleRole = index == cursor ? .promptCursor : isSelected ? .listSelected : .prompt
                    column += canvas.put(String(characters[index]), x: column, y: rect.y, maxWidth: remaining, role: role)
                }
                if cursor == characters.count, column < rect.maxX {
                    canvas.put(" ", x: column, y: rect.y, role: .promptCursor)
                }
            }
            if let error, rect.height >= 2 {
                canvas.put(error, x: rect.x, y: rect.y + 1, maxWidth: rect.width, role: .error)
            }
        }
    }
}
