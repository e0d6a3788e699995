@testable import AWSActions
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
