using System.Linq;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// Where a [Differentiable] method's name and parameters are, for the diagnostics that differentiation finds
/// (NLPSYM202 at a parameter, NLPSYM901 at the name). A provider of its own, so the pipeline values before the
/// output stay location-free and a method that only moved stays cached.
/// </summary>
internal sealed record MethodLocations(string? MethodId, LocationInfo? Name, EquatableArray<string> ParameterNames, EquatableArray<LocationInfo> Parameters)
{
    /// <summary>The declaration of the parameter named <paramref name="name"/>, or the method's name when there is none.</summary>
    public LocationInfo? Of(string name)
    {
        for (var i = 0; i < ParameterNames.Count; i++)
        {
            if (ParameterNames[i] == name)
            {
                return Parameters[i];
            }
        }

        return Name;
    }
}
