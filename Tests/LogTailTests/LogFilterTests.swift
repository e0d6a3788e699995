import Testing
@testable import LogTail

@Suite("Log filter and search")
struct LogFilterTests {
    static let lines: [LogLine] = [
        line("GET /health 200", source: "web", level: .info),
        line("AccessDenied for AKIAIOSFODNN7EXAMPLE", source: "trail", level: .error),
        line("disk almost full", source: "host", level: .warning),
        line("accessdenied again, lower case", source: "host", level: .error),
        line("Zugriff verweigert: ÄRGER", source: "web", level: .info),
    ]

    static func shown(_ filter: LogFilter) -> [Int] {
        lines.indices.filter { filter.admits(lines[$0]) }
    }

    @Test func emptyFilterShowsEverything() throws {
        let filter = LogFilter()
        #expect(filter.showsEverything)
        #expect(Self.shown(filter) == [0, 1, 2, 3, 4])
        #expect(Self.shown(try LogFilter(query: "")) == [0, 1, 2, 3, 4])
    }

    @Test func substringIsCaseInsensitive() throws {
        #expect(Self.shown(try LogFilter(query: "ACCESSDENIED")) == [1, 3])
        #expect(Self.shown(try LogFilter(query: "full")) == [2])
        #expect(Self.shown(try LogFilter(query: "ärger")) == [4])
        // Only "re:" makes a regex; "re" alone is text.
        #expect(try !LogPattern("re").isRegex)
        #expect(Self.shown(try LogFilter(query: "lOWER cASE")) == [3])
        #expect(Self.shown(try LogFilter(query: "no such text")) == [])
    }

    @Test func regexMatches() throws {
        #expect(Self.shown(try LogFilter(query: "re:AKIA[0-9A-Z]{16}")) == [1])
        #expect(Self.shown(try LogFilter(query: "re:^(GET|disk) ")) == [0, 2])
        #expect(Self.shown(try LogFilter(query: "re:(?i)accessdenied")) == [1, 3])
        // Regexes are case-sensitive unless they say otherwise.
        #expect(Self.shown(try LogFilter(query: "re:accessdenied")) == [3])
    }

    @Test func badRegexIsAClearErrorAndLeavesTheFilterAsItWas() throws {
        var filter = try LogFilter(query: "disk")
        #expect(throws: LogPatternError.self) { try filter.setQuery("re:(unclosed") }
        #expect(filter.query == "disk")
        do {
            try filter.setQuery("re:[z-a]")
            Issue.record("a bad regex was accepted")
        } catch {
            #expect(error.description.hasPrefix("bad regular expression '[z-a]'"))
        }
        #expect(throws: LogPatternError.emptyRegex) { try LogPattern("re:") }
        #expect(throws: LogPatternError.invalidRegex(pattern: "(unclosed", reason: "a '(' is never closed")) {
            try LogPattern("re:(unclosed")
        }
        #expect(throws: LogPatternError.invalidRegex(pattern: "a[bc", reason: "a '[' is never closed")) {
            try LogPattern("re:a[bc")
        }
        #expect(throws: LogPatternError.invalidRegex(pattern: "x\\", reason: "it ends with a lone '\\'")) {
            try LogPattern("re:x\\")
        }
        // Whatever was pasted into the query, the message is drawable.
        do {
            _ = try LogPattern("re:(\u{1B}[2J")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func togglesHideSourcesAndLevels() throws {
        var filter = LogFilter()
        filter.toggle(source: "web")
        #expect(Self.shown(filter) == [1, 2, 3])
        filter.toggle(level: .error)
        #expect(Self.shown(filter) == [2])
        filter.toggle(source: "web")
        #expect(Self.shown(filter) == [0, 2, 4])
        try filter.setQuery("disk")
        #expect(Self.shown(filter) == [2])
        filter.toggle(level: .error)
        try filter.setQuery("")
        #expect(filter.showsEverything)
    }

    @Test func highlightsAreTheMatchedRanges() throws {
        let text = "AccessDenied then ACCESSdenied"
        let logLine = line(text)
        let plain = try LogFilter(query: "accessdenied")
        #expect(plain.highlights(in: logLine).map { String(text[$0]) } == ["AccessDenied", "ACCESSdenied"])
        let regex = try LogFilter(query: "re:[A-Z]{6}")
        #expect(regex.highlights(in: logLine).map { String(text[$0]) } == ["ACCESS"])
        // Zero-length regex matches highlight nothing.
        #expect(try LogFilter(query: "re:x*").highlights(in: logLine).isEmpty)
        // Non-ASCII text around an ASCII needle keeps ranges on characters.
        let unicode = line("界 denied 界 DENIED")
        #expect(plain.highlights(in: unicode).isEmpty)
        let denied = try LogFilter(query: "denied")
        #expect(denied.highlights(in: unicode).map { String(unicode.text[$0]) } == ["denied", "DENIED"])
        let nonASCII = try LogFilter(query: "ärger")
        #expect(nonASCII.highlights(in: Self.lines[4]).map { String(Self.lines[4].text[$0]) } == ["ÄRGER"])
    }

    @Test func nAndNMoveBetweenMatchesAndWrap() throws {
        let search = try LogFilter(query: "accessdenied")
        let lines = Self.lines
        #expect(search.position(after: nil, in: lines, direction: .forward) == 1)
        #expect(search.position(after: 1, in: lines, direction: .forward) == 3)
        #expect(search.position(after: 3, in: lines, direction: .forward) == 1)
        #expect(search.position(after: 3, in: lines, direction: .forward, wrapping: false) == nil)
        #expect(search.position(after: nil, in: lines, direction: .backward) == 3)
        #expect(search.position(after: 3, in: lines, direction: .backward) == 1)
        #expect(search.position(after: 1, in: lines, direction: .backward) == 3)
        #expect(search.position(after: 1, in: lines, direction: .backward, wrapping: false) == nil)
        #expect(search.position(after: 2, in: lines, direction: .backward) == 1)
        #expect(try LogFilter(query: "nothing").position(after: nil, in: lines, direction: .forward) == nil)
        #expect(LogFilter().position(after: nil, in: lines, direction: .forward) == nil)
    }

    @Test func searchWorksOnTheRingBuffer() throws {
        var buffer = LogRingBuffer(capacity: 3)
        for text in ["match 0", "other", "match 2", "other", "match 4"] { buffer.append(line(text)) }
        let search = try LogFilter(query: "match")
        // Positions are into what the buffer holds now: "match 2", "other", "match 4".
        #expect(search.position(after: nil, in: buffer, direction: .forward) == 0)
        #expect(search.position(after: 0, in: buffer, direction: .forward) == 2)
        #expect(buffer[2].text == "match 4")
    }
}
