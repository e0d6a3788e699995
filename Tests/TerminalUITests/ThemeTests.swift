import Foundation
import Testing
@testable import TerminalUI

@Suite("Themes")
struct ThemeTests {
    /// The repository's themes/ folder, found from this file's location.
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func parsesAttributesForegroundAndBackground() throws {
        let theme = try Theme.parse("""
            # comment
            phase.current = bold yellow on default

            log.error     = bold underline #ff5f00 on color236
            list.selected = reverse
            dim           = 244
            header        = bright-white on blue
            """, name: "t", file: "t.theme")
        #expect(theme.style(for: .phaseCurrent) == Style(foreground: .ansi(3), attributes: .bold))
        #expect(theme.style(for: .logError) == Style(foreground: .rgb(0xFF, 0x5F, 0x00), background: .indexed(236), attributes: [.bold, .underline]))
        #expect(theme.style(for: .listSelected) == Style(attributes: .reverse))
        #expect(theme.style(for: .dim) == Style(foreground: .indexed(244)))
        #expect(theme.style(for: .header) == Style(foreground: .ansi(15), background: .ansi(4)))
    }

    @Test func missingRolesFallBackToTheDefaultTheme() throws {
        let theme = try Theme.parse("log.error = magenta", name: "t", file: "t.theme")
        #expect(theme.style(for: .logError) == Style(foreground: .ansi(5)))
        #expect(theme.style(for: .phaseCurrent) == Theme.builtinDefault.style(for: .phaseCurrent))
    }

    @Test func unknownRoleNamesFileAndLine() {
        #expect {
            try Theme.parse("normal = default\n\nphase.curent = bold\n", name: "x", file: "themes/x.theme")
        } throws: { error in
            let error = error as! ThemeError
            return error.file == "themes/x.theme" && error.line == 3
                && error.description == "themes/x.theme:3: unknown role 'phase.curent' (did you mean 'phase.current'?)"
        }
    }

    @Test func badColourNamesFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("normal = default\nlog.error = bold purple\n", 2, "bad colour 'purple'"),
            ("log.error = #12345\n", 1, "bad colour '#12345' (expected #rrggbb)"),
            ("# c\n# c\nlog.error = color300\n", 3, "bad colour 'color300' (a palette index is 0–255)"),
            ("log.error = red on\n", 1, "missing colour after 'on'"),
            ("log.error = red green\n", 1, "unexpected 'green' (foreground colour already given)"),
            ("log.error red\n", 1, "expected `role = style`"),
            ("log.error = red\nlog.error = blue\n", 2, "role 'log.error' is already set on line 1"),
            ("log.error =\n", 1, "missing style after '='"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try Theme.parse(text, name: "bad", file: "bad.theme")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.line == line, "\(text)")
                #expect(error.message.hasPrefix(message), "\(error.message)")
                #expect(error.description.hasPrefix("bad.theme:\(line): "))
            }
        }
    }

    @Test func hostileThemeTextIsSanitisedInErrors() {
        do {
            _ = try Theme.parse("\u{1B}[2J = red\n", name: "t", file: "t.theme")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("\u{1B}"))
        }
    }

    @Test func everyShippedThemeLoadsAndSetsEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".theme") }
        #expect(Set(files).isSuperset(of: ["default.theme", "light.theme", "high-contrast.theme", "mono.theme"]))
        for file in files {
            let theme = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent(file))
            let missing = StyleRole.allCases.filter { theme.styles[$0] == nil }
            #expect(missing.isEmpty, "\(file) lacks \(missing.map(\.rawValue))")
        }
    }

    @Test func monoThemeUsesNoColours() throws {
        let mono = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent("mono.theme"))
        for role in StyleRole.allCases {
            #expect(mono.style(for: role).foreground == .default && mono.style(for: role).background == .default, "\(role)")
        }
        // Meaning survives without colour: selection and the worst state still stand out.
        #expect(mono.style(for: .listSelected).attributes.contains(.reverse))
        #expect(mono.style(for: .resourceCompromised).attributes != mono.style(for: .resourceContained).attributes)
    }

    @Test func compiledInThemesMatchTheFiles() throws {
        let fileDefault = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent("default.theme"))
        let fileMono = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent("mono.theme"))
        #expect(fileDefault.styles == Theme.builtinDefault.styles)
        #expect(fileMono.styles == Theme.builtinMonochrome.styles)
    }

    @Test func fileTextRoundTrips() throws {
        let light = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent("light.theme"))
        let again = try Theme.parse(light.fileText, name: "light", file: "round-trip")
        #expect(again.styles == light.styles)
    }

    @Test func noColorForcesMonochrome() {
        let locator = ThemeLocator(searchDirectories: [Self.themesDirectory])
        let forced = ThemeSelection.resolve(requested: "light", environment: ["NO_COLOR": "1"], locator: locator)
        #expect(forced.monochromeForced)
        #expect(forced.theme.name == "mono")
        // An empty NO_COLOR does not count (no-color.org).
        let normal = ThemeSelection.resolve(requested: "light", environment: ["NO_COLOR": ""], locator: locator)
        #expect(!normal.monochromeForced)
        #expect(normal.theme.name == "light")
        #expect(ThemeSelection.resolve(requested: nil, environment: ["FIREBREAK_THEME": "high-contrast"], locator: locator).theme.name == "high-contrast")
    }

    @Test func selectionNeverFails() throws {
        let empty = ThemeLocator(searchDirectories: [])
        let fallback = ThemeSelection.resolve(requested: nil, environment: [:], locator: empty)
        #expect(fallback.theme == .builtinDefault)
        #expect(fallback.problem == nil)
        let unknown = ThemeSelection.resolve(requested: "nope", environment: [:], locator: empty)
        #expect(unknown.theme == .builtinDefault)
        #expect(unknown.problem?.message.hasPrefix("no such theme") == true)
        #expect(ThemeSelection.resolve(requested: nil, environment: ["NO_COLOR": "x"], locator: empty).theme == .builtinMonochrome)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "log.error = pink\n".write(to: directory.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        let broken = ThemeSelection.resolve(requested: "broken", environment: [:], locator: ThemeLocator(searchDirectories: [directory]))
        #expect(broken.theme == .builtinDefault)
        #expect(broken.problem?.line == 1)
        #expect(broken.problem?.file.hasSuffix("broken.theme") == true)
    }

    @Test func searchPathOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fb-repo-\(UUID().uuidString)")
        let binary = root.appendingPathComponent(".build/debug/firebreak")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try "let package = Package(name: \"Firebreak\")".write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "".write(to: binary, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        try "log.error = green\n".write(to: root.appendingPathComponent("themes/repo.theme"), atomically: true, encoding: .utf8)

        let locator = ThemeLocator(environment: ["FIREBREAK_THEMES": "/first:/second", "HOME": "/home/x"], executableURL: binary)
        let paths = locator.searchDirectories.map(\.path)
        #expect(Array(paths.prefix(3)) == ["/first", "/second", "/home/x/.config/firebreak/themes"])
        #expect(!paths.contains(root.appendingPathComponent(".build/debug/themes").path), "nothing beside the executable")
        #expect(paths.contains(root.appendingPathComponent("themes").path))
        #expect(!paths.contains(root.deletingLastPathComponent().appendingPathComponent("themes").path), "stops at the repository root")
        #expect(Array(paths.suffix(2)) == ["/usr/local/share/firebreak/themes", "/usr/share/firebreak/themes"])
        #expect(try locator.load("repo").style(for: .logError) == Style(foreground: .ansi(2)))
        #expect(locator.availableThemes().contains("repo"))
    }

    @Test func aThemeOthersCanWriteIsRefusedWithTheDefaultInstead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("shared.theme")
        try "log.error = green\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file.path)
        let selection = ThemeSelection.resolve(requested: "shared", environment: [:], locator: ThemeLocator(searchDirectories: [directory]))
        #expect(selection.theme == .builtinDefault)
        #expect(selection.problem?.description == "\(file.path): refused: it can be written by anyone (mode 666)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(ThemeSelection.resolve(requested: "shared", environment: [:], locator: ThemeLocator(searchDirectories: [directory])).problem == nil)
    }
}

@Suite("Colour degradation")
struct ColorDepthTests {
    @Test func depthFromColourCount() {
        #expect(ColorDepth(colorCount: 0) == .monochrome)
        #expect(ColorDepth(colorCount: 8) == .ansi8)
        #expect(ColorDepth(colorCount: 16) == .ansi16)
        #expect(ColorDepth(colorCount: 256) == .indexed256)
        #expect(ColorDepth(colorCount: 0x1000000) == .direct)
    }

    @Test func rgbDegradesStepByStep() {
        let orange = Color.rgb(0xFF, 0x87, 0x00)
        #expect(ColorDepth.direct.adapt(orange) == orange)
        #expect(ColorDepth.indexed256.adapt(orange) == .indexed(208))
        #expect(ColorDepth.indexed256.adapt(.rgb(0x80, 0x80, 0x80)) == .indexed(244))
        #expect(ColorDepth.ansi16.adapt(.rgb(250, 10, 10)) == .ansi(9))
        #expect(ColorDepth.ansi16.adapt(.indexed(196)) == .ansi(9))
        #expect(ColorDepth.ansi16.adapt(.indexed(4)) == .ansi(4))
        #expect(ColorDepth.ansi8.adapt(.ansi(9)) == .ansi(1))
        #expect(ColorDepth.monochrome.adapt(orange) == .default)
        #expect(ColorDepth.ansi8.adapt(.default) == .default)
    }

    @Test func styleDegradationKeepsAttributes() {
        let style = Style(foreground: .ansi(11), background: .indexed(236), attributes: .underline)
        let mono = ColorDepth.monochrome.adapt(style)
        #expect(mono == Style(attributes: .underline))
        let eight = ColorDepth.ansi8.adapt(style)
        #expect(eight.foreground == .ansi(3))
        #expect(eight.attributes == [.underline, .bold])
    }
}
