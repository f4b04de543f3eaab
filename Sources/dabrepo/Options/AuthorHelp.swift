import ArgumentParser

extension ArgumentHelp {
    /// The help of `--author`, the same on every command that commits.
    static var author: ArgumentHelp {
        ArgumentHelp(
            "Commit as this author instead of the one git would use (GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else user.name and user.email).",
            valueName: "Name <email>")
    }

    /// The help of `--color` on commands whose output has no colours: taken, as every command takes it.
    static var plainColor: ArgumentHelp {
        "Colour: auto, always or never; accepted as the other commands take it (this output is plain)."
    }
}
