import Foundation
import IncidentOperations

extension AccountProfiles {
    /// The config file's mapping (`profile.ACCOUNT = NAME`), or none when `--profile` was given.
    static func load(globals: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) -> AccountProfiles {
        guard globals.profile == nil else { return AccountProfiles(profiles: [:]) }
        return AccountProfiles(profiles: FirebreakConfig.load(from: FirebreakConfig.defaultURL(environment: environment)).accountProfiles)
    }
}
