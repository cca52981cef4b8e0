namespace NlpSymbolic.Tool;

/// <summary>What <c>nlpsym show</c> returns; the table in docs/generated-code.md is this one.</summary>
public static class ExitCodes
{
    /// <summary>The generated source was printed; no error.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong (unknown option, missing FILE): System.CommandLine's own code.</summary>
    public const int Usage = 1;

    /// <summary>FILE cannot be read, or has no [Differentiable] method (named as <c>--method</c> says).</summary>
    public const int NothingToShow = 2;

    /// <summary>FILE does not compile: the compiler's errors are printed (and whatever the generator could still do).</summary>
    public const int CompileErrors = 3;

    /// <summary>The generator reported an error (NLPSYMnnn); the methods without one are printed.</summary>
    public const int GeneratorErrors = 4;

    /// <summary>The generated code does not compile although no error was reported: a generator bug, please report it.</summary>
    public const int GeneratedCodeDoesNotCompile = 5;

    public const string Description =
        "Exit codes: 0 printed, no error; 1 bad command line; 2 FILE unreadable or no such [Differentiable] method; "
        + "3 FILE does not compile; 4 the generator reported an error (NLPSYMnnn); 5 the generated code does not compile (a generator bug).";
}
