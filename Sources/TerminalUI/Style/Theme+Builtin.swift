// The default and mono themes, compiled in so the console starts even when
// no theme file can be found. They must stay identical to themes/default.theme
// and themes/mono.theme (a test checks).

extension Theme {
    /// Text of themes/default.theme.
    static let builtinDefaultText = #"""
# Firebreak theme: default — the terminal's own palette and background.
#
# Format: one role a line, `role = [attributes] [foreground] [on background]`
#   attributes  bold dim italic underline reverse (any number), or `plain`
#   colours     default (the terminal's own), black red green yellow blue
#               magenta cyan white, bright-black … bright-white (gray),
#               color0 … color255 (or just 0 … 255), #rrggbb
# Colours degrade to what the terminal has (24-bit → 256 → 16 → 8 → none).
# Lines starting with # are comments. A role left out looks as it does in the
# default theme. Role names: see any shipped theme; an unknown one is an error
# reported with this file's name and the line number.

normal                  = default
dim                     = bright-black

header                  = bold reverse
header.drill            = bold black on yellow
header.replay           = bold black on cyan
readonly.badge          = bold white on magenta

pane.border             = bright-black
pane.border.focused     = bold cyan
pane.title              = default
pane.title.focused      = bold cyan

list.selected           = reverse
list.selected.unfocused = underline

footer                  = default
footer.key              = bold cyan

phase.done              = green
phase.current           = bold yellow
phase.ahead             = bright-black

resource.suspected      = yellow
resource.compromised    = bold red
resource.contained      = cyan
resource.eradicated     = blue
resource.recovered      = green
resource.cleared        = bright-black

checklist.done          = green
checklist.skipped       = bright-black
checklist.open          = default

log.info                = default
log.warning             = yellow
log.error               = bold red
log.highlight           = black on yellow
log.timestamp           = bright-black

modal                   = default
modal.border            = bold
modal.title             = bold

prompt                  = default
prompt.cursor           = reverse
prompt.placeholder      = bright-black

help.key                = bold cyan
help.section            = bold underline

error                   = bold red
warning                 = yellow
success                 = green
danger                  = bold white on red
"""#

    /// Text of themes/mono.theme.
    static let builtinMonochromeText = #"""
# Firebreak theme: mono — no colours at all, only bold, underline and reverse.
# Used whenever NO_COLOR is set or the terminal has no colours.
#
# Format: one role a line, `role = [attributes] [foreground] [on background]`
#   attributes  bold dim italic underline reverse (any number), or `plain`
#   colours     default (the terminal's own), black red green yellow blue
#               magenta cyan white, bright-black … bright-white (gray),
#               color0 … color255 (or just 0 … 255), #rrggbb
# Colours degrade to what the terminal has (24-bit → 256 → 16 → 8 → none).
# Lines starting with # are comments. A role left out looks as it does in the
# default theme. Role names: see any shipped theme; an unknown one is an error
# reported with this file's name and the line number.

normal                  = plain
dim                     = dim

header                  = bold reverse
header.drill            = bold underline reverse
header.replay           = bold underline reverse
readonly.badge          = bold reverse

pane.border             = plain
pane.border.focused     = bold
pane.title              = plain
pane.title.focused      = bold underline

list.selected           = reverse
list.selected.unfocused = underline

footer                  = plain
footer.key              = bold

phase.done              = plain
phase.current           = bold underline
phase.ahead             = dim

resource.suspected      = underline
resource.compromised    = bold reverse
resource.contained      = bold
resource.eradicated     = plain
resource.recovered      = plain
resource.cleared        = dim

checklist.done          = plain
checklist.skipped       = dim
checklist.open          = bold

log.info                = plain
log.warning             = bold
log.error               = bold reverse
log.highlight           = reverse
log.timestamp           = dim

modal                   = plain
modal.border            = bold
modal.title             = bold

prompt                  = plain
prompt.cursor           = reverse
prompt.placeholder      = dim

help.key                = bold
help.section            = bold underline

error                   = bold reverse
warning                 = bold
success                 = plain
danger                  = bold reverse
"""#

    /// The compiled-in default theme: the terminal's own palette and background.
    public static let builtinDefault: Theme = {
        do {
            return try Theme.parse(builtinDefaultText, name: "default", file: "<built-in default.theme>")
        } catch {
            preconditionFailure("built-in default theme: \(error)")
        }
    }()

    /// The compiled-in monochrome theme (no colours; used for `NO_COLOR`).
    public static let builtinMonochrome: Theme = {
        do {
            return try Theme.parse(builtinMonochromeText, name: "mono", file: "<built-in mono.theme>")
        } catch {
            preconditionFailure("built-in mono theme: \(error)")
        }
    }()
}
