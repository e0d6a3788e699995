@testable import AWSActions
import Foundation
import Testing

/// Which statements of a Lambda resource policy `lambda.contain` removes, read
/// from policies in the form Lambda's get-policy returns them.
@Suite struct PublicStatementsTests {
    /// A function URL with auth type NONE, an S3 trigger narrowed to a bucket, a grant to everyone,
    /// a grant to one account, and one to everyone in an organization: as AWS writes them.
    static let policy = #"""
    {"Version":"2012-10-17","Id":"default","Statement":[
     {"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",
      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:web","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}},
     {"Sid":"s3-trigger","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:web","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"}}},
     {"Sid":"backdoor","Effect":"Allow","Principal":{"AWS":"*"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:web"},
     {"Sid":"partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:web"},
     {"Sid":"org","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:web",
      "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}
    """#

    @Test func everyoneWithoutANarrowingConditionIsPublicAndAURLKeepsItsAuthType() throws {
        let found = try PublicStatements.pick(policy: Self.policy)
        #expect(found.map { $0["Sid"] as? String } == ["FunctionURLAllowPublicAccess", "backdoor"])
        #expect(found[0]["FunctionUrlAuthType"] as? String == "NONE" && found[0]["Action"] as? String == "lambda:InvokeFunctionUrl")
        #expect(found[1]["FunctionUrlAuthType"] == nil && found[1]["Action"] as? String == "lambda:InvokeFunction")
    }

    @Test func noPolicyIsNothingPublicAndAPolicyThatIsNotJSONIsAFailure() throws {
        #expect(try PublicStatements.pick(policy: nil).isEmpty)
        #expect(try PublicStatements.pick(policy: "").isEmpty)
        #expect(throws: StepDerivation.Failure.self) { try PublicStatements.pick(policy: "{not json") }
    }
}
