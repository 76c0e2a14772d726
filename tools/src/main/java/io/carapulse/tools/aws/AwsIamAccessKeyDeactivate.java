package io.carapulse.tools.aws;

/** {@code aws.iam-access-key-deactivate} (WRITE, reversible): see {@link AwsIamAccessKeyAction}; inverse: activate. */
public final class AwsIamAccessKeyDeactivate extends AwsIamAccessKeyAction {

    public AwsIamAccessKeyDeactivate(AwsRuntime runtime) {
        super(runtime, "iam-access-key-deactivate",
                "Deactivate an IAM user's access key (named by the end of its id); reversible: activates it again",
                "Inactive", "iam-access-key-activate", "Active");
    }
}
