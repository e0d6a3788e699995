@testable import AWSActions
import Foundation
import Testing

@Suite("Redaction of secrets in AWS CLI output")
struct RedactionTests {
    @Test func jsonSecretsAreReplaced() {
        let output = #"{"AccessKey": {"UserName": "u", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SessionToken": "FwoG\"ZXIvYXdz"}}"#
        let redacted = SecretRedactor.redact(output)
        #expect(!redacted.contains("wJalrXUtnFEMI"))
        #expect(!redacted.contains("FwoG"))
        #expect(redacted.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(redacted.contains(#""SecretAccessKey": "[REDACTED]""#))
    }

    @Test func textAndConfigSecretsAreReplaced() {
        #expect(SecretRedactor.redact("aws_secret_access_key = abc/def+ghi\nregion = x") == "aws_secret_access_key = [REDACTED]\nregion = x")
        #expect(SecretRedactor.redact("ACCESSKEY\tAKIA\tSecretAccessKey\tsecretvalue") .contains("secretvalue") == false)
        #expect(!SecretRedactor.redact(#"{"Password":"hunter2"}"#).contains("hunter2"))
    }

    @Test func privateKeysAreReplacedWhole() {
        let pem = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAbc==\n-----END RSA PRIVATE KEY-----\nafter"
        #expect(SecretRedactor.redact(pem) == "before\n[REDACTED]\nafter")
        #expect(!SecretRedactor.redact("-----BEGIN PRIVATE KEY-----\nMIIcut-off").contains("MIIcut"))
    }
}

/// One test per form of secret the redactor must catch, and what it must keep.
@Suite("Redaction by shape, by name and by place")
struct SecretFormTests {
    func redacted(_ text: String) -> String { SecretRedactor.redact(text) }

    @Test(arguments: [
        "ghp_R3dT3amGitHubT0kenExampleValue0123abcd", "gho_16C7e42F292c6912E7710c838347Ae178B4a", "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghu_16C7e42F292c6912E7710c838347Ae178B4a", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
    ])
    func gitHubTokens(_ token: String) {
        let text = redacted("git clone https://github.com/x/y failed; token \(token) rejected")
        #expect(!text.contains(token.dropFirst(4).prefix(12)))
        #expect(text.contains("token [REDACTED] rejected"))
    }

    @Test func slackWebhooksAndTokens() {
        let text = redacted(#"{"Url": "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/XyZsecretWebhookPath123", "note": "bot xoxb-1234567890-0987654321-EXAMPLEslackBotTok and xoxp-1234-5678-abcdefABCDEF"}"#)
        #expect(!text.contains("XyZsecretWebhookPath123") && !text.contains("T0EXAMPLE"))
        #expect(text.contains("https://hooks.slack.com/[REDACTED]"))
        #expect(!text.contains("EXAMPLEslackBotTok") && !text.contains("abcdefABCDEF"))
    }

    @Test func lambdaEnvironmentValuesAllGo() {
        let configuration = #"""
        {
            "FunctionName": "exfil-helper",
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:exfil-helper",
            "CodeSha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            "Environment": {
                "Variables": {
                    "DB_PASSWORD": "db-pass-Tr0ub4dor-3",
                    "LOG_LEVEL": "env-value-debug-7",
                    "CONFIG": "{\"nested\": \"env-nested-value-9\"}"
                }
            },
            "Role": "arn:aws:iam::123456789012:role/service-role/exfil"
        }
        """#
        let text = redacted(configuration)
        for secret in ["db-pass-Tr0ub4dor-3", "env-value-debug-7", "env-nested-value-9"] { #expect(!text.contains(secret), "\(secret)") }
        #expect(text.contains(#""DB_PASSWORD": "[REDACTED]""#))
        for kept in ["exfil-helper", "arn:aws:iam::123456789012:role/service-role/exfil", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"] {
            #expect(text.contains(kept), "\(kept)")
        }
    }

    @Test func ecsEnvironmentValuesGoAndSecretReferencesStay() {
        let text = redacted(#"{"containerDefinitions": [{"name": "web", "image": "nginx", "environment": [{"name": "API_URL", "value": "ecs-env-value-1"}, {"value": "ecs-env-value-2", "name": "MODE"}], "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]}]}"#)
        #expect(!text.contains("ecs-env-value-1") && !text.contains("ecs-env-value-2"))
        #expect(text.contains("API_URL") && text.contains("arn:aws:ssm:us-east-1:123456789012:parameter/db") && text.contains("nginx"))
    }

    @Test func secureStringParametersLoseTheirValueInEitherOrder() {
        let typeFirst = redacted(#"{"Parameter": {"Name": "/prod/db", "Type": "SecureString", "Value": "ssm-decrypted-1", "Version": 3, "ARN": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db"}}"#)
        let valueFirst = redacted(#"{"Parameters": [{"Value": "ssm-decrypted-2", "Name": "/prod/api", "Type": "SecureString"}, {"Name": "/prod/region", "Type": "String", "Value": "eu-west-1"}]}"#)
        #expect(!typeFirst.contains("ssm-decrypted-1") && typeFirst.contains("/prod/db") && typeFirst.contains("arn:aws:ssm:us-east-1:123456789012:parameter/prod/db"))
        #expect(!valueFirst.contains("ssm-decrypted-2"))
        #expect(valueFirst.contains(#""Value": "eu-west-1""#), "a String parameter's value is not a secret")
        // Tags' values are not parameters' values.
        #expect(redacted(#"{"Tags": [{"Key": "Owner", "Value": "web-team"}]}"#).contains("web-team"))
    }

    @Test func oauthClientSecrets() {
        #expect(!redacted(#"{"client_id": "app", "client_secret": "oauth-cs-8sKq2"}"#).contains("oauth-cs-8sKq2"))
        #expect(!redacted(#"{"ClientSecret": "oauth-cs-9"}"#).contains("oauth-cs-9"))
        let form = redacted("POST /token grant_type=client_credentials&client_id=app&client_secret=oauth-cs-form-1&scope=x")
        #expect(!form.contains("oauth-cs-form-1") && form.contains("client_id=app") && form.contains("scope=x"))
    }

    @Test func passwordsInURLs() {
        let text = redacted(#"{"Endpoint": "postgres://app:url-pass-Zx9Qw@db.internal:5432/app", "Other": "https://example.com:8443/path?q=1"}"#)
        #expect(!text.contains("url-pass-Zx9Qw"))
        #expect(text.contains("postgres://app:[REDACTED]@db.internal:5432/app"))
        #expect(text.contains("https://example.com:8443/path?q=1"))
        #expect(redacted("remote https://deploy:gh-url-pass-1@github.com/x.git") == "remote https://deploy:[REDACTED]@github.com/x.git")
    }

    @Test func knownTokenFormats() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        let session = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDZ" + String(repeating: "AbCdEf0123456789", count: 8)
        let forms = [
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_51H8abcdEFGHijklMNOP", "AIzaSyD-EXAMPLEgoogleApiKey0123456789abc",
            jwt, session, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ]
        for secret in forms {
            let text = redacted("value: \(secret) end")
            #expect(text == "value: [REDACTED] end", "\(secret.prefix(12))… gave \(text)")
        }
        #expect(!redacted("Authorization: Bearer \(jwt)").contains("SflKxw"))
    }

    @Test(arguments: [
        "DB_PASSWORD", "dbPassword", "db-password", "Passwd", "PWD", "api_key", "apiKey", "X-Api-Key", "APIKey", "GITHUB_TOKEN",
        "access_token", "refreshToken", "SessionToken", "PrivateKey", "private-key", "credentials", "Secret", "client_secret",
        "aws_secret_access_key", "SecretAccessKey", "SecretString",
    ])
    func namesOfSecretsInJSONAndText(_ name: String) {
        #expect(!redacted(#"{"\#(name)": "named-secret-v1"}"#).contains("named-secret-v1"), "JSON")
        #expect(!redacted("\(name)=named-secret-v2\n").contains("named-secret-v2"), "NAME=value")
        #expect(!redacted("\(name): named-secret-v3\n").contains("named-secret-v3"), "NAME: value")
        #expect(!redacted(#"{"message": "{\"\#(name)\":\"named-secret-v4\"}"}"#).contains("named-secret-v4"), "JSON in a string")
    }

    /// Names that hold a token, password or key word but no secret: AWS's own
    /// pagination, idempotency and lock tokens, times, dates, ARNs, settings.
    @Test(arguments: [
        ("NextToken", "eyJuZXh0IjogMTAwfQ=="), ("nextForwardToken", "f/3748293847293847"), ("ClientToken", "terraform-2026120108"),
        ("LockToken", "0b7c4f38-5a53-4c0c-8c1c-6c1f2c9a1b2e"), ("aws:TokenIssueTime", "2026-12-01T08:00:00Z"),
        ("PasswordLastUsed", "2026-11-30T22:01:40Z"), ("SecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
        ("HttpTokens", "required"), ("AccessKeyId", "AKIAIOSFODNN7EXAMPLE"), ("Key", "prod-backups/db.sql.gz"),
        ("KmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ])
    func namesThatAreNotSecretsKeepTheirValues(_ name: String, _ value: String) {
        let json = #"{"\#(name)": "\#(value)"}"#
        #expect(redacted(json) == json)
    }

    /// The high-entropy rule (20+ base64 characters, capitals, lowercase and
    /// digits, not all hex, ≥ 3.5 bits per character) under a name hinting at key material.
    @Test func randomLookingValuesUnderKeyishNamesGoAndIdsAndHashesStay() {
        #expect(!redacted(#"{"SigningKey": "q8Zr2LmX7vNc4BtY1pWd9KsE"}"#).contains("q8Zr2LmX7vNc4BtY1pWd9KsE"))
        #expect(!redacted("session=Zk3qP9wLm2Xv8Rt5Yb1Nc7Hd\n").contains("Zk3qP9wLm2Xv8Rt5Yb1Nc7Hd"))
        let kept = [
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE",
            "i-0123456789abcdef0", "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "0b7c4f38-5a53-4c0c-8c1c-6c1f2c9a1b2e",
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc", "zzzzzzzzzzzzzzzzzzzzzzzzZ1",
        ]
        for value in kept {
            let json = #"{"SigningKey": "\#(value)", "SessionKey": "\#(value)"}"#
            #expect(redacted(json) == json, "\(value)")
            #expect(redacted("sha256 \(value) request-id \(value)") == "sha256 \(value) request-id \(value)")
        }
    }

    @Test func aResponseKeepsWhatAResponderNeeds() {
        let output = #"""
        {
            "AccessKey": {"UserName": "mallory", "AccessKeyId": "AKIAI44QH8DHBEXAMPLE", "Status": "Active", "SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "CreateDate": "2026-12-01T08:00:00Z"},
            "ResponseMetadata": {"RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"},
            "Instances": [{"InstanceId": "i-0123456789abcdef0", "ImageId": "ami-12345678", "ClientToken": "abc-123"}],
            "Versions": [{"Key": "exports/a.csv", "VersionId": "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", "ETag": "\"d41d8cd98f00b204e9800998ecf8427e\""}],
            "Sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        }
        """#
        let text = redacted(output)
        #expect(!text.contains("je7MtGbClwBF"))
        for kept in ["AKIAI44QH8DHBEXAMPLE", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", "i-0123456789abcdef0", "abc-123", "exports/a.csv",
                     "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", "d41d8cd98f00b204e9800998ecf8427e",
                     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "2026-12-01T08:00:00Z"] {
            #expect(text.contains(kept), "\(kept)")
        }
    }

    /// Redaction comes before the cut: a cap inside a value never keeps its first characters.
    @Test func theCapNeverKeepsPartOfASecret() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let output = Data(#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "\#(secret)"}"#.utf8)
        for limit in 40..<output.count {
            let kept = RedactedOutput.keep(output, limit: limit, cutShort: false)
            #expect(kept.truncated == (limit < 72))
            #expect(kept.text.utf8.count <= limit)
            #expect(!kept.text.contains("wJa") && !kept.text.contains("KEY\""), "limit \(limit): \(kept.text)")
        }
    }

    /// What the read itself cut (past the look-ahead) is judged as far as it goes: no partial secret survives.
    @Test(arguments: [
        #"{"SecretAccessKey": "wJalrXUtnFEMI/K7"#, #"{"Password": "correct horse batt"#, "export GITHUB_TOKEN=ghp_R3dT3amGitHubT0ke",
        "see ghp_R3dT3amGitHubT0ke", "postgres://app:url-pass-Zx", #"{"Type": "SecureString", "Value": "ssm-decrypted-cut"#,
        #"{"Environment": {"Variables": {"A": "env-value-cut"#, "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA",
    ])
    func outputCutByTheReadLeavesNoPartOfASecret(_ text: String) {
        let kept = RedactedOutput.keep(Data(text.utf8), limit: 1 << 20, cutShort: true)
        #expect(kept.truncated)
        for fragment in ["wJal", "horse", "batt", "R3dT3am", "url-pass", "ssm-decrypted", "env-value", "MIIE"] {
            #expect(!kept.text.contains(fragment), "\(fragment) in \(kept.text)")
        }
    }
}
