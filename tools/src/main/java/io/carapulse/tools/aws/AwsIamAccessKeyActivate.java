package io.carapulse.tools.aws;

/** {@code aws.iam-access-key-activate} (WRITE, reversible): see {@link AwsIamAccessKeyAction}; inverse: deactivate. */
public final class AwsIamAccessKeyActivate extends AwsIamAccessKeyAction {

    public AwsIamAccessKeyActivate(AwsRuntime runtime) {
        super(runtime, "iam-access-key-activate",
                "Activate an IAM user's access key (named by the end of its id); reversible: deactivates it again",
                "Active", "iam-access-key-deactivate", "Inactive");
    }
}
