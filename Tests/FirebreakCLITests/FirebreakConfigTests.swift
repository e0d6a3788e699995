import AWSActions
@testable import FirebreakCLI
import IncidentOperations
import Testing

/// The settings file: each known line taken, each bad line named with its file and line.
@Suite("The config file")
struct FirebreakConfigTests {
    @Test func settingsAndAccountProfilesAreReadAndBadLinesNamed() {
        let config = FirebreakConfig.parse("""
            # comment
            theme = light
            mouse = off
            profile.210987654321 = prod-audit
            profile.12345 = short
            profile.111111111111 = bad profile; rm
            colour = red
            """, file: "cfg")
        #expect(config.theme == "light")
        #expect(config.mouse == false)
        #expect(config.accountProfiles == ["210987654321": "prod-audit"])
        #expect(config.problems == [
            "cfg:5: '12345' is not a 12-digit account id",
            "cfg:6: 'bad profile; rm' is not a profile name (letters, digits, - _ .)",
            "cfg:7: unknown setting 'colour' (known: theme, mouse, db, profile.ACCOUNT)",
        ])
    }

    @Test func eachMappedAccountGetsItsProfileAndTheRestTheDefault() {
        let profiles = AccountProfiles(profiles: ["210987654321": "prod-audit"])
        let base = AWSCLIRunner(configuration: AWSCLIConfiguration())
        let runners = profiles.runners(base: base, accounts: ["123456789012", "210987654321"])
        #expect(runners.map(\.account) == ["210987654321", nil])
        #expect(runners.map(\.runner.configuration.profile) == ["prod-audit", nil])
        #expect(profiles.runners(base: base, accounts: ["210987654321"]).map(\.account) == ["210987654321"])
        #expect(profiles.runner(base: base, account: "999999999999").configuration.profile == nil)
    }
}
