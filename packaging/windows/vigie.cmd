@echo off
rem %ProgramFiles%\Vigie\bin\vigie.cmd: runs the agent (Java 17+ on the PATH, or JAVA set to java.exe).
setlocal
set "HERE=%~dp0.."
if "%JAVA%"=="" set "JAVA=java"
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData -jar "%HERE%\lib\vigie-agent-all.jar" %*
exit /b %ERRORLEVEL%
