package io.carapulse.tools.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.PagedIterable;

/** GitHub API for Java's objects read into {@link GitHubApi}'s records, without asking the library for more. */
final class GitHubSdkShapes {

    private GitHubSdkShapes() {
    }

    /**
     * A pull request; {@code full} when read alone. A listed one lacks draft and mergeability: asking the
     * library for them would read each pull request again.
     */
    static GitHubApi.PullRequest pull(GHPullRequest p, boolean full) throws IOException {
        return new GitHubApi.PullRequest(p.getNumber(), p.getTitle(), lower(p.getState()), full && p.isDraft(),
                full ? p.isMerged() : p.getMergedAt() != null, full ? p.getMergeable() : null,
                full ? p.getMergeableState() : null, text(p.getHtmlUrl()), p.getHead().getRef(), p.getHead().getSha(),
                p.getHead().getRepository() == null ? null : p.getHead().getRepository().getFullName(),
                p.getBase().getRef(), p.getUser() == null ? null : p.getUser().getLogin(),
                full ? p.getMergeCommitSha() : null, p.getBody());
    }

    /** The same pull request, now closed. */
    static GitHubApi.PullRequest closed(GitHubApi.PullRequest p) {
        return new GitHubApi.PullRequest(p.number(), p.title(), "closed", p.draft(), p.merged(), p.mergeable(),
                p.mergeableState(), p.htmlUrl(), p.headRef(), p.headSha(), p.headRepository(), p.baseRef(), p.author(),
                p.mergeCommitSha(), p.body());
    }

    /** The first {@code limit} items, without asking for a page beyond them. */
    static <T> List<T> first(PagedIterable<T> items, int limit) {
        List<T> out = new ArrayList<>();
        Iterator<T> it = items.withPageSize(Math.min(100, Math.max(1, limit))).iterator();
        while (out.size() < limit && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    static String lower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    static String text(Object url) {
        return url == null ? null : url.toString();
    }

    static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
