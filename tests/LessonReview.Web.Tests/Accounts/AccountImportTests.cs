using System.Net;
using System.Net.Http.Json;
using System.Text;
using LessonReview.Web.Accounts;
using LessonReview.Web.Tests.Notifications;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>A class of new ALTs from CSV (issue 12): each row an invitation, a report row by row, a bad row never stopping the rest.</summary>
public sealed class AccountImportTests(MailHost host) : IClassFixture<MailHost>
{
    [Fact]
    public async Task Each_good_row_is_invited_and_mailed_and_each_bad_row_says_why_without_stopping_the_rest()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Excel's BOM, a quoted name with a comma, a Japanese name, upper-case headers and role, blank lines.
        var csv = "\uFEFFEmail,Name,Role,Language\r\n" +
                  $"emma-{tag}@example.org,\"Brown, Emma\",trainee,en\r\n" +
                  $"sato-{tag}@example.org,佐藤 健,MENTOR,ja\r\n" +
                  "\r\n" +
                  "not-an-address,Nobody,trainee,\r\n" +
                  $"emma-{tag}@example.org,Emma Again,trainee,en\r\n" +
                  $"lee-{tag}@example.org,Lee,principal,en\r\n";

        var response = await PostCsvAsync(await host.CoordinatorAsync(), csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<AccountImport.Report>())!;
        Assert.Equal((2, 3), (report.Invited, report.Refused));
        Assert.Equal([(2, true), (3, true), (5, false), (6, false), (7, false)], report.Rows.Select(r => (r.Row, r.Invited)));
        Assert.Equal("Brown, Emma", report.Rows[0].Name);
        Assert.Contains("Give an e-mail address", report.Rows[2].Problem);
        Assert.Contains("already has an account", report.Rows[3].Problem);
        Assert.Contains("Role must be one of", report.Rows[4].Problem);
        Assert.All(report.Rows.Where(r => r.Invited), r => Assert.True(r.Mailed));

        var mail = await host.WaitForMailAsync($"sato-{tag}@example.org", "LessonReview");
        Assert.Equal("Kenji Coordinatorさんから LessonReview への招待が届きました", mail.Subject); // row language ja
        await host.WaitForMailAsync($"emma-{tag}@example.org", "Kenji Coordinator invited you to LessonReview");
        var everyone = await (await host.CoordinatorAsync()).GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users");
        Assert.Contains(everyone!, u => u.Email == $"sato-{tag}@example.org" && u.Role == "mentor" && u.Name == "佐藤 健");
    }

    [Theory]
    [InlineData("mail,full name\na@example.org,A\n", "The first line must name the columns: email, name, role")]
    [InlineData("", "The first line must name the columns")]
    [InlineData("email,name,role\n\"unclosed@example.org,A,trainee\n", "Line 2 of the file could not be read as CSV")]
    public async Task A_file_that_is_not_a_class_list_is_refused_in_words_and_invites_nobody(string csv, string reason)
    {
        var response = await PostCsvAsync(await host.CoordinatorAsync(), csv);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task A_broken_line_after_good_ones_invites_nobody_and_names_the_line_and_the_fixed_file_then_imports_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = $"email,name,role,language,school\nann-{tag}@example.org,Ann,trainee,en,\nbo-{tag}@example.org,Bo,mentor,ja,\n";
        var coordinator = await host.CoordinatorAsync();

        var broken = await PostCsvAsync(coordinator, good + $"\"lee, chris\"-{tag}@example.org,\"Lee, Chris\",mentor,en,\n");

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var detail = (await broken.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail!;
        Assert.Contains("Line 4 of the file could not be read as CSV", detail);
        Assert.Contains("Nobody was invited", detail);
        Assert.DoesNotContain(await UsersAsync(), u => u.Email!.Contains(tag, StringComparison.Ordinal));

        // Fixed (the line removed), it imports; the same file again invites nobody twice.
        var fixedFile = (await (await PostCsvAsync(coordinator, good)).Content.ReadFromJsonAsync<AccountImport.Report>())!;
        var again = (await (await PostCsvAsync(coordinator, good)).Content.ReadFromJsonAsync<AccountImport.Report>())!;
        Assert.Equal((2, 0), (fixedFile.Invited, fixedFile.Refused));
        Assert.Equal((0, 2), (again.Invited, again.Refused));
        Assert.All(again.Rows, r => Assert.Contains("already has an account", r.Problem));
        Assert.Equal(2, (await UsersAsync()).Count(u => u.Email!.Contains(tag, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_over_the_limit_invites_nobody()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "email,name,role\n" + string.Concat(Enumerable.Range(0, AccountImport.MaxRows + 1).Select(i => $"p{i}-{tag}@example.org,P {i},trainee\n"));

        var response = await PostCsvAsync(await host.CoordinatorAsync(), csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nobody was invited", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.DoesNotContain(await UsersAsync(), u => u.Email!.Contains(tag, StringComparison.Ordinal));
    }

    private async Task<List<SessionApi.UserDto>> UsersAsync() =>
        (await (await host.CoordinatorAsync()).GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users"))!;

    [Fact]
    public async Task Only_coordinators_import()
    {
        var csv = "email,name,role\nsneaky@example.org,Sneaky,coordinator\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCsvAsync(await host.TraineeAsync(), csv)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCsvAsync(await host.MentorAsync(), csv)).StatusCode);
    }

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/users/import", new StringContent(csv, new UTF8Encoding(false), "text/csv"));
}
