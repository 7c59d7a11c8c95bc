-- A GET with the ID token of the user named by TOKEN.
wrk.headers["token"] = os.getenv("TOKEN")
