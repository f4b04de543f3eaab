/// Who commits: `--author "Name <email>"`, else git's `user.name` / `user.email` (repository, then global).
public enum AuthorResolver {
    public static func author(override: String?, repository: GitRepository) throws(RepositoryError) -> GitSignature {
        if let override {
            guard let signature = GitSignature(parsing: override) else { throw .invalidAuthor(override) }
            return signature
        }
        guard let signature = repository.configuredSignature() else { throw .noAuthor }
        return signature
    }
}
