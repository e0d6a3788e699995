/// The question `q` asks in a drill's console: quitting stops the drill's emulator, and how to come back.
enum DrillQuitQuestion {
    static func lines(incident: String, endpoint: String, awsWork: [ConsoleAWSWork], otherWrites: Int) -> [String] {
        var lines = [
            "Quitting ends this drill's emulator at \(endpoint):",
            "what was done in it is lost; \(incident) stays as recorded.",
            "Come back to it with: firebreak drill --resume \(incident)",
            "(a new emulator, the scenario seeded again).",
        ]
        if awsWork.count + otherWrites > 0 {
            lines += [""] + QuitQuestion.lines(awsWork: awsWork, otherWrites: otherWrites).prefix(while: { !$0.isEmpty })
            lines.append("Quitting now stops the running aws call.")
        }
        return lines + ["", "y  quit and stop the emulator", "any other key: stay"]
    }
}
