extension LogPattern {
    /// A reason a regular expression does not compile, in words. Foundation
    /// on Linux reports only an error code, so the common mistakes are named
    /// here and the rest get a pointer to the syntax.
    static func diagnose(_ source: String) -> String {
        var parentheses = 0
        var inClass = false
        var escaped = false
        for character in source {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: parentheses += 1
            case ")" where !inClass:
                parentheses -= 1
                if parentheses < 0 { return "a ')' closes nothing" }
            default: break
            }
        }
        if escaped { return "it ends with a lone '\\'" }
        if inClass { return "a '[' is never closed" }
        if parentheses > 0 { return "a '(' is never closed" }
        return "it is not valid ICU regular-expression syntax (check ranges such as [z-a], repetitions such as {2,1} and escapes)"
    }
}
