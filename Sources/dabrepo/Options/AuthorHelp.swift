import ArgumentParser

extension ArgumentHelp {
    /// The help of `--author`, the same on every command that commits.
    static var author: ArgumentHelp {
        ArgumentHelp(
            "Commit as this author instead of the one git would use (GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else user.name and user.email).",
            valueName: "Name <email>")
    }
}
