namespace NlpSymbolic.Metrics;

/// <summary>The prefixes conlleval.pl gives meaning to; any other prefix only matters through its type.</summary>
internal enum ChunkPrefix : byte
{
    Other,
    Begin,
    Inside,
    End,
    Outside,
    Dot,
    Open,
    Close,
}

/// <summary>
/// A chunk tag split the way conlleval.pl splits it (<c>/^([^-]*)-(.*)$/</c>): the prefix is everything before
/// the first hyphen, the type everything after it, so types may contain hyphens; a tag without a hyphen is all
/// prefix with an empty type.
/// </summary>
internal readonly struct ConllTag
{
    public static readonly ConllTag Outside = Parse("O");

    private ConllTag(string prefix, string type)
    {
        Prefix = prefix;
        Type = type;
        Kind = prefix switch
        {
            "B" => ChunkPrefix.Begin,
            "I" => ChunkPrefix.Inside,
            "E" => ChunkPrefix.End,
            "O" => ChunkPrefix.Outside,
            "." => ChunkPrefix.Dot,
            "[" => ChunkPrefix.Open,
            "]" => ChunkPrefix.Close,
            _ => ChunkPrefix.Other,
        };
    }

    public string Prefix { get; }

    public string Type { get; }

    public ChunkPrefix Kind { get; }

    public static ConllTag Parse(string tag)
    {
        var dash = tag.IndexOf('-');
        if (dash < 0)
        {
            return new ConllTag(tag, "");
        }

        var type = tag[(dash + 1)..];
        // conlleval writes `$type = $type ? $type : ""`, and Perl treats the string "0" as false.
        return new ConllTag(tag[..dash], type == "0" ? "" : type);
    }

    /// <summary>conlleval's token-accuracy test: <c>$correct eq $guessed and $guessedType eq $correctType</c>.</summary>
    public bool SameAs(in ConllTag other) =>
        string.Equals(Prefix, other.Prefix, System.StringComparison.Ordinal) && string.Equals(Type, other.Type, System.StringComparison.Ordinal);
}
