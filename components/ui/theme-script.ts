// Runs in <head> before the page paints: the stored choice (ThemeToggle's "ehr-theme") or the
// OS preference decides the "dark" class, so a dark-mode user never sees a light flash.
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("ehr-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
