using LessonReview.Core.Accounts;

namespace LessonReview.Web.Accounts;

/// <summary>Where each person lands after signing in or opening "/": what their role comes to do.</summary>
public static class StartPage
{
    public static string For(Caller? caller) => caller?.Role switch
    {
        null => "/signin",
        Roles.Mentor => "/reviews", // their queue of reviews to do
        _ => "/lessons",            // trainees: their lessons; coordinators: every lesson
    };
}
