using System.Net;
using System.Net.Http.Json;
using System.Text;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Localization;

/// <summary>
/// The API answers a Japanese reader in Japanese (problem details, exports) and an English reader
/// in English, by the browser's Accept-Language; the values in a sentence stay where Japanese puts them.
/// </summary>
public sealed class JapaneseApiTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    private static HttpClient InJapanese(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP,ja;q=0.9,en;q=0.5");
        return client;
    }

    [Fact]
    public async Task A_refused_comment_says_why_in_japanese_with_its_numbers_in_place()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = InJapanese(await host.MentorAsync());

        var empty = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { id = Guid.NewGuid(), atSeconds = 1, kind = "observation", text = " " });
        var tooLong = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { id = Guid.NewGuid(), atSeconds = 1, kind = "observation", text = new string('あ', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("コメントを入力してください。", (await empty.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var problem = (await tooLong.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("コメントが 4001 文字あります。4000 文字以内にしてください（2 つのコメントに分けてください）。", problem.Detail);
        Assert.Equal("不正なリクエスト", problem.Title);
        // The template that carried the values is not part of the answer.
        Assert.DoesNotContain(problem.Extensions.Keys, k => k.StartsWith("lessonreview:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_refusal_reads_in_english_for_an_english_browser()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = await host.MentorAsync();
        mentor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var tooLong = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { id = Guid.NewGuid(), atSeconds = 1, kind = "observation", text = new string('a', 4001) });

        Assert.Equal("The comment is 4001 characters long; keep it to 4000 (split it into two comments).",
            (await tooLong.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Answers_the_framework_writes_unknown_addresses_and_missing_sign_in_are_japanese_too()
    {
        var anonymous = InJapanese(host.AnonymousClient());
        var signedIn = InJapanese(await host.TraineeAsync());

        var unauthorised = await anonymous.GetAsync("/api/lessons");
        var nowhere = await signedIn.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal("サインインしていません。サインイン（POST /api/session またはサインインページ）してからもう一度お試しください。",
            (await unauthorised.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("このアドレスには何もありません。リンクを確認してください。", (await nowhere.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task A_wrong_password_is_explained_in_japanese()
    {
        var client = InJapanese(host.AnonymousClient());

        var response = await client.PostAsJsonAsync("/api/session", new { email = "trainee@example.org", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("サインインできませんでした", problem.Title);
        Assert.StartsWith("メールアドレスとパスワードが一致するアカウントがありません。", problem.Detail);
    }

    [Fact]
    public async Task The_csv_export_has_japanese_headers_and_words_for_a_japanese_reader()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var mentor = InJapanese(await host.MentorAsync());
        await ReviewHost.CommentAsync(mentor, review.Id, 3.7, "声が小さい", kind: "suggestion");

        var csv = Encoding.UTF8.GetString(await mentor.GetByteArrayAsync($"/api/reviews/{review.Id}/export.csv")).TrimStart('\uFEFF');
        var vtt = await mentor.GetStringAsync($"/api/reviews/{review.Id}/export.vtt");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"種別\",\"時刻\",\"終了\",\"種類\",\"投稿者\",\"内容\",\"状態\",\"期限\",\"確認済み\"", lines[0].TrimEnd('\n', '\r'));
        Assert.Contains("\"コメント\",\"0:03\",\"\",\"提案\",\"Mia Mentor\",\"声が小さい\"", csv);
        Assert.Contains("[提案] Mia Mentor: 声が小さい", vtt);
    }
}
